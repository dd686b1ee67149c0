extension BuiltinRunbooks {
    /// RB-LAUNCH-002, Rollback to Pilot Scope: the decision framework, the pre-rollback
    /// verification and the eight timed steps, budgets as written.
    ///
    /// The target is the procedure's "Total Time: 10-15 minutes" (the upper bound, as the
    /// Markdown importer reads it); the seed's own step budgets add up to more, which lint
    /// reports as a warning. The decision step has no time in the seed; its minute is Sitrep's.
    /// NO-GO has no step to go to: the runbook ends in one place, so the operator aborts the
    /// run with the reason. A step's `verify` is the one command whose exit status proves the
    /// seed's expectation (`blocks verify --strict`); other expectations ("Expected: …") are
    /// checklist items, because the commands that show them exit 0 either way. The seed's
    /// emoji were double-encoded in the file; the text here uses the characters they stand for.
    static let launchRollbackToPilot = #"""
        id: rb-launch-002
        title: Rollback to pilot scope (RB-LAUNCH-002)
        source: "Runbook: Rollback to Pilot Scope (RB-LAUNCH-002)"
        applies_to: [P1, P2]
        description: >-
          Revert orchestrator deployment from expanded scope back to pilot scope (1 repo:
          compliance-service). Total time 10-15 minutes; downtime <5 minutes (for affected repos
          only). Safety procedure: execute conservatively. When in doubt, rollback.
        target: 15m
        steps:
          - id: decide
            title: "Decision framework: when to execute rollback"
            budget: 1m
            instructions:
              - "Execute rollback if ANY of these conditions are met: a P1 condition (immediate rollback) or a P2 condition (rollback after 30-min triage)."
              - "NO-GO criteria (DO NOT rollback): single repo failure (isolate repo instead, see RB-CORE-001); intermittent errors (<5% failure rate); user error (incorrect config, training issue); non-critical P3/P4 incidents."
              - On a NO-GO criterion, abort this run with the reason.
            checklist:
              - "P1 FlowEngine Crash Loop: Deployment unavailable >15 minutes"
              - "P1 Database Corruption: TaskDB integrity compromised"
              - "P1 Security Breach: Credentials leaked, unauthorized access detected"
              - "P1 Cost Runaway: Daily spend >$200 (4× budget)"
              - "P1 Mass Concurrent Failures: >10 repos failing simultaneously"
              - "P2 Persistent Quality Degradation: <60% mutation kill-rate across ≥50% of repos"
              - "P2 Sustained SLO Violations: P95 latency >150s for >2 hours"
              - "P2 Model API Quota Exhaustion: All 3 providers rate-limiting"
              - "P2 Cascading Failures: ≥3 repos failing due to same root cause"
            choices:
              - {label: "P1 incident: immediate rollback", goto: confirm}
              - {label: "P2 incident: rollback after 30-min triage", goto: confirm}
          - id: confirm
            title: "Pre-rollback verification 1: Incident confirmation"
            budget: 5m
            instructions:
              - Check incident severity; review dashboard metrics (last 30 min); verify mass failure (not isolated issue).
              - "Expected for rollback: ≥3 repos with failures"
            commands:
              - |-
                  kubectl logs deployment/flowengine --tail=100 | grep "ERROR\|CRITICAL"
              - |-
                  open https://grafana.company.com/d/flowengine-reliability
              - |-
                blocks metrics query \
                  --metric flow_failures_total \
                  --last 30m \
                  --group-by repo \
                  --sort desc
            checklist: ["≥3 repos with failures"]
          - id: notify
            title: "Pre-rollback verification 2: Stakeholder notification"
            budget: 5m
            instructions: ["Send incident alert: post to #incidents Slack channel, page incident commander, email stakeholders."]
            commands:
              - |-
                slack-cli post --channel incidents --message "🚨 P1 INCIDENT: Initiating rollback to pilot scope.
                Reason: <brief description>
                ETA: 10 minutes
                Affected repos: <list>
                Incident Commander: @<your-name>"
              - |-
                  pagerduty trigger --severity critical --title "Multi-LLM Orchestrator Rollback" --details "Reason: <reason>"
              - |-
                echo "Initiating emergency rollback to pilot scope. Details: <reason>.
                Expected downtime: <10 min for affected repos.
                Pilot repo (compliance-service) unaffected." | \
                mail -s "🚨 Orchestrator Rollback in Progress" \
                  product@company.com,engineering-tl@company.com,business@company.com
          - id: backup
            title: "Pre-rollback verification 3: Backup current state"
            budget: 5m
            instructions:
              - Export current FlowEngine config and the repo allowlist; back up TaskDB (async, does not block rollback).
            commands:
              - |-
                  kubectl get deployment/flowengine -n production -o yaml > /tmp/flowengine_pre_rollback_$(date +%Y%m%d_%H%M%S).yaml
              - |-
                  kubectl get configmap repo-config -n production -o yaml > /tmp/repo_config_pre_rollback_$(date +%Y%m%d_%H%M%S).yaml
              - |-
                kubectl exec -n production deployment/postgres -- \
                  pg_dump -U flowengine_user flowengine_db | \
                  gzip > /tmp/taskdb_pre_rollback_$(date +%Y%m%d_%H%M%S).sql.gz &
              - |-
                  echo "Backup job started (PID: $!). Continuing with rollback..."
          - id: restrict-scope
            title: "Step 1: Disable orchestrator for expanded repos"
            budget: 2m
            instructions:
              - "Restrict orchestrator to pilot scope only: set allowlist to pilot repo only, verify it (expected: compliance-service), roll out the change (graceful, zero downtime for pilot repo)."
              - "Verification: test pilot repo (should still work) and an expanded repo (should be disabled)."
            commands:
              - |-
                kubectl set env deployment/flowengine -n production \
                  REPO_ALLOWLIST=compliance-service
              - |-
                  kubectl get deployment/flowengine -n production -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="REPO_ALLOWLIST")].value}'
              - |-
                  kubectl rollout status deployment/flowengine -n production --timeout=120s
              - |-
                  blocks config show --repo compliance-service
              - |-
                  blocks config show --repo financial-reporting
            checklist:
              - "Allowlist: compliance-service"
              - "compliance-service: enabled: true"
              - 'financial-reporting: enabled: false, reason: "Restricted to pilot scope"'
          - id: scale-down
            title: "Step 2: Scale down FlowEngine (if needed)"
            budget: 3m
            instructions:
              - "If incident involves resource exhaustion or crash loop: check current replica count; if replicas > 3 (Phase 6/7 scaling), scale down to pilot baseline, wait for scale-down, verify health."
              - "If FlowEngine in crash loop: force restart with pilot config and monitor the restart."
              - If restart fails, escalate to Engineering TL immediately.
            commands:
              - |-
                  kubectl get deployment/flowengine -n production -o jsonpath='{.spec.replicas}'
              - |-
                  kubectl scale deployment/flowengine -n production --replicas=3
              - |-
                  kubectl rollout status deployment/flowengine -n production --timeout=180s
              - |-
                  kubectl get pods -n production -l app=flowengine
              - |-
                  kubectl rollout restart deployment/flowengine -n production
              - |-
                  kubectl rollout status deployment/flowengine -n production --timeout=180s
            checklist: ["3/3 Running"]
          - id: revert-schema
            title: "Step 3: Revert database schema (if applicable)"
            budget: 5m
            instructions:
              - "Only if Phase 6/7 introduced schema changes. Expected for pilot: version = 20251104_001 (G5 schema); if version > 20251104_001, rollback required."
              - "If database rollback fails: restore from backup (/tmp/taskdb_pre_rollback_<timestamp>.sql.gz); estimated recovery time 15-30 minutes; escalate to Database Admin immediately."
            commands:
              - |-
                kubectl exec -n production deployment/postgres -- \
                  psql -U flowengine_user -d flowengine_db -c "SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1;"
              - |-
                kubectl exec -n production deployment/postgres -- \
                  psql -U flowengine_user -d flowengine_db -f /migrations/rollback_to_pilot.sql
              - |-
                kubectl exec -n production deployment/postgres -- \
                  psql -U flowengine_user -d flowengine_db -c "SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1;"
            checklist: ["Schema version = 20251104_001"]
          - id: disable-alerts
            title: "Step 4: Disable expanded repo alerts"
            budget: 2m
            instructions: ["Suppress alerts for disabled repos: list expanded repos, disable alerts for each repo, verify alerts disabled."]
            commands:
              - |-
                  EXPANDED_REPOS=$(kubectl get configmap repo-config -n production -o jsonpath='{.data.expanded_repos}')
              - |-
                for repo in $EXPANDED_REPOS; do
                  kubectl patch prometheusrule ${repo}-alerts -n monitoring \
                    --type='json' \
                    -p='[{"op": "replace", "path": "/spec/groups/0/rules/0/enabled", "value": false}]'
                done
              - |-
                  kubectl get prometheusrule -n monitoring -o jsonpath='{range .items[*]}{.metadata.name}: {.spec.groups[0].rules[0].enabled}{"\n"}{end}' | grep "false"
          - id: verify-pilot
            title: "Step 5: Verify pilot repo functionality"
            budget: 3m
            instructions:
              - "Critical: ensure pilot repo still operational. Execute a test flow on the pilot repo, then verify quality gates."
              - "If pilot repo fails: CRITICAL, entire rollback failed. Escalate to Engineering TL + Incident Commander immediately; consider emergency restore from full backup (expected recovery time 30-60 minutes)."
              - "If pilot repo succeeds: rollback successful; proceed to post-rollback validation."
            commands:
              - |-
                blocks generate \
                  --repo compliance-service \
                  --family compliance \
                  --block-type attestation \
                  --config test-basel-i.json \
                  --output /tmp/test_output/ \
                  --verbose
            verify: |-
              blocks verify --path /tmp/test_output/ --strict
            checklist:
              - Flow completed successfully
              - "Duration: <120s"
              - "Cost: <$2.00"
              - "Quality Gates: 5/5 passed"
          - id: system-health
            title: "Step 6: Verify system health"
            budget: 5m
            instructions: ["Post-rollback validation: FlowEngine pods, database connections, model API connectivity, dashboard (last 10 min)."]
            commands:
              - |-
                  kubectl get pods -n production -l app=flowengine
              - |-
                kubectl exec -n production deployment/flowengine -- \
                  curl -s http://localhost:8080/health/db | jq '.status'
              - |-
                for provider in anthropic openai google; do
                  kubectl exec -n production deployment/flowengine -- \
                    curl -s http://localhost:8080/health/models/$provider | jq ".status"
                done
              - |-
                  open https://grafana.company.com/d/flowengine-reliability?from=now-10m&to=now
            checklist:
              - "FlowEngine pods: 3/3 Running, 0 restarts (recent)"
              - 'Database: "healthy"'
              - All 3 model providers return "healthy"
              - "Flow success rate: 100%"
              - "P95 latency: <120s"
              - "Active repos: 1 (compliance-service)"
          - id: communicate
            title: "Step 7: Stakeholder communication"
            budget: 5m
            instructions: ["Send rollback completion notice: post to #incidents Slack, email stakeholders."]
            commands:
              - |-
                slack-cli post --channel incidents --message "✅ Rollback to pilot scope COMPLETE.
                Status: Pilot repo (compliance-service) operational.
                Affected repos: <list> (temporarily disabled).
                Next steps: Root cause analysis, expected ETA for re-enablement: <X> hours.
                Incident Commander: @<your-name>"
              - |-
                echo "Rollback to pilot scope completed successfully.

                **Status:**
                - Pilot repo (compliance-service): ✅ Operational
                - Expanded repos: 🚫 Temporarily disabled
                - Downtime: <5 minutes (expanded repos only)

                **Next Steps:**
                1. Root cause analysis (ETA: <X> hours)
                2. Fix verification (staging environment)
                3. Phased re-enablement (1 repo at a time)

                **Contact:**
                - Incident Commander: <your-name>
                - SRE On-Call: sre-oncall@company.com

                Best,
                SRE Team" | \
                mail -s "✅ Orchestrator Rollback Complete" \
                  product@company.com,engineering-tl@company.com,business@company.com
          - id: status-page
            title: "Step 8: Update status page"
            budget: 2m
            instructions: ["Public-facing status update (if applicable). Then, within 24 hours: root cause analysis, fix verification in staging, phased re-enablement."]
            commands:
              - |-
                curl -X POST https://status.company.com/api/incidents \
                  -H "Authorization: Bearer $STATUS_PAGE_API_KEY" \
                  -d '{
                    "status": "resolved",
                    "title": "Multi-LLM Orchestrator Rollback",
                    "message": "Orchestrator rolled back to pilot scope. Pilot repo operational. Expanded repos temporarily disabled pending investigation.",
                    "severity": "major",
                    "affected_services": ["multi-llm-orchestrator"]
                  }'
        """#
}
