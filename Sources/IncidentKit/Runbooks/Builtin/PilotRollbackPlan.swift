extension BuiltinRunbooks {
    /// The Pilot Rollback Plan: the emergency rollback (traffic disable, then impact assessment)
    /// and scenarios A–D as a choice, each followed by the plan's rollback validation.
    ///
    /// Step 1's two options are two steps: the kill switch first, the shutdown only when the
    /// kill switch is unavailable ("Immediate shutdown if kill switch unavailable"); each keeps
    /// the step's 30 seconds. A scenario's budget is the upper bound of its "Time Estimate". A
    /// fence's final health check is the step's `verify` (not repeated as a command); its other
    /// comment lines are instructions. Each of the plan's blocks starts at the repository root
    /// (step 2 and the validation use `pilot-deploy/...` paths), and the run keeps one shell
    /// context, so a step that enters `pilot-deploy` ends with Sitrep's `cd ..`, and the smoke
    /// test is run from the root (`./scripts/pilot-smoke.sh`, the seed's `../scripts/…` from
    /// inside it). Scenario A's "cp backup # OR cp example" is a choice, not two commands in a
    /// row (the second would overwrite the first). The plan's emoji were double-encoded in the seed file;
    /// the text here uses the characters they stand for. The plan has no severity scheme, so the
    /// runbook applies to any severity.
    static let pilotRollbackPlan = #"""
        id: pilot-rollback-plan
        title: Emergency rollback and scenarios A-D (Pilot Rollback Plan)
        source: Pilot Rollback Plan, "Emergency Rollback" and "Full Rollback Procedures"
        description: >-
          Quick recovery from pilot deployment issues: complete rollback to last known-good state.
          Target: <5 minutes to restore service. In pilot mode all data is simulated; rollback is
          safe, focus on rapid service restoration. The plan gives the validation no time, so its
          2 minutes are Sitrep's.
        target: 5m
        steps:
          - id: kill-switch
            title: "Step 1: Immediate traffic disable - Option A: kill switch activation"
            budget: 30s
            instructions:
              - Stop all incoming requests immediately, then verify the kill switch is active.
              - 'Expected: {"status": "disabled", "reason": "Kill switch active"}'
            commands:
              - |-
                curl -X POST "http://localhost:3001/admin/kill-switch" \
                  -H "Content-Type: application/json" \
                  -d '{"enabled": true, "reason": "Emergency rollback"}'
              - curl "http://localhost:3001/healthz"
            choices:
              - {label: Kill switch active, goto: assess}
              - {label: "Kill switch unavailable: Option B, service shutdown", goto: shutdown}
          - id: shutdown
            title: "Step 1: Immediate traffic disable - Option B: service shutdown"
            budget: 30s
            instructions: [Immediate shutdown if kill switch unavailable., "Then cd .. back to the repository root."]
            commands:
              - cd pilot-deploy
              - docker-compose -f docker-compose.poc.yml down
              - cd ..
          - id: assess
            title: "Step 2: Assess impact"
            budget: 60s
            instructions:
              - Check current service status, active sessions and logs for errors.
              - Then pick the full rollback procedure that fits the issue.
            commands:
              - docker-compose -f pilot-deploy/docker-compose.poc.yml ps
              - curl "http://localhost:3001/admin/sessions" || echo "Service down"
              - docker-compose -f pilot-deploy/docker-compose.poc.yml logs --tail=50
            choices:
              - {label: "Scenario A: Configuration rollback (environment/config changes causing problems)", goto: scenario-a}
              - {label: "Scenario B: Service version rollback (new Docker images causing instability)", goto: scenario-b}
              - {label: "Scenario C: Complete environment reset (corrupted state, data inconsistency)", goto: scenario-c}
              - {label: "Scenario D: Hardware/infrastructure issues (host system problems, resource exhaustion)", goto: scenario-d}
          - id: scenario-a
            title: "Scenario A: Configuration rollback"
            budget: 1m
            instructions:
              - "Issue: Environment/config changes causing problems"
              - 1. Stop current deployment
              - 2. Restore last known-good environment (the backup if it exists, OR reset to defaults)
              - 3. Restart with restored config
              - 4. Verify health
              - "Time Estimate: 2-3 minutes (1 to stop, 1 to restore, 1 to restart and verify)"
            commands:
              - cd pilot-deploy
              - ./scripts/pilot-down.sh
            choices:
              - {label: "Restore the backup (if it exists)", goto: scenario-a-backup}
              - {label: Reset to defaults, goto: scenario-a-defaults}
          - id: scenario-a-backup
            title: "Scenario A: restore the backup"
            budget: 1m
            commands:
              - cp .env.poc.backup .env.poc  # If backup exists
            next: scenario-a-restart
          - id: scenario-a-defaults
            title: "Scenario A: reset to defaults"
            budget: 1m
            commands:
              - cp .env.poc.example .env.poc  # Reset to defaults
          - id: scenario-a-restart
            title: "Scenario A: restart with restored config and verify"
            budget: 1m
            instructions: [Back to the repository root (cd ..) before the smoke test.]
            commands:
              - ./scripts/pilot-up.sh
              - cd ..
            verify: ./scripts/pilot-smoke.sh
            next: validate
          - id: scenario-b
            title: "Scenario B: Service version rollback"
            budget: 5m
            instructions:
              - "Issue: New Docker images causing instability"
              - 1. Stop current services
              - 2. Remove problematic images
              - 3. Pull last known-good versions (specify tags)
              - 4. Update compose file to use specific versions
              - 5. Restart with stable versions
              - 6. Verify health
              - "Time Estimate: 3-5 minutes"
            commands:
              - cd pilot-deploy
              - docker-compose -f docker-compose.poc.yml down
              - docker rmi scenario-gateway:latest scenario-engine:latest scenario-jobs:latest
              - docker pull scenario-gateway:v1.0.0
              - docker pull scenario-engine:v1.0.0
              - docker pull scenario-jobs:v1.0.0
              - sed -i '' 's/:latest/:v1.0.0/g' docker-compose.poc.yml
              - docker-compose -f docker-compose.poc.yml up -d
              - cd ..
            verify: ./scripts/pilot-smoke.sh
            next: validate
          - id: scenario-c
            title: "Scenario C: Complete environment reset"
            budget: 6m
            instructions:
              - "Issue: Corrupted state, data inconsistency"
              - 1. Complete teardown (pilot-reset.sh will prompt for confirmation - answer 'y')
              - 2. Verify clean state
              - 3. Fresh deployment
              - 4. Load clean demo seeds
              - 5. Full validation
              - "Time Estimate: 4-6 minutes"
            commands:
              - cd pilot-deploy
              - ./scripts/pilot-reset.sh
              - docker ps | grep pilot
              - docker volume ls | grep pilot
              - ./scripts/pilot-up.sh
              - |-
                curl -X POST "http://localhost:3001/admin/seed" \
                  -H "Content-Type: application/json" \
                  -d @seed/demo-scenario.json
              - cd ..
            verify: ./scripts/pilot-smoke.sh
            next: validate
          - id: scenario-d
            title: "Scenario D: Hardware/infrastructure issues"
            budget: 10m
            instructions:
              - "Issue: Host system problems, resource exhaustion"
              - 1. Check system resources
              - 2. Clean up Docker resources
              - 3. Restart Docker daemon (if needed); OR restart Docker Desktop (macOS/Windows)
              - 4. Redeploy from scratch
              - 5. Monitor resource usage
              - "Time Estimate: 5-10 minutes"
            commands:
              - df -h
              - free -h
              - docker system df
              - docker system prune -a -f --volumes
              - sudo systemctl restart docker  # Linux
              - cd pilot-deploy
              - ./scripts/pilot-up.sh
              - docker stats
              - cd ..
            next: validate
          - id: validate
            title: "Rollback validation: verify restoration"
            budget: 2m
            instructions:
              - 1. All services healthy
              - 2. Smoke tests pass (the verification)
              - "3. Performance baseline met: check TTFF, cancel latency in smoke test output"
              - 4. Security controls active
              - 5. Demo functionality works
            commands:
              - docker-compose -f pilot-deploy/docker-compose.poc.yml ps | grep "Up (healthy)"
              - npm run flags:snapshot
              - curl -N "http://localhost:3001/stream?route=critique&seed=42" | head -n 5
            verify: ./scripts/pilot-smoke.sh
            checklist:
              - All 3 core services Up (healthy)
              - All smoke tests passing
              - TTFF < 500ms, cancel < 150ms
              - No security violations
              - Demo scenarios functional
        """#
}
