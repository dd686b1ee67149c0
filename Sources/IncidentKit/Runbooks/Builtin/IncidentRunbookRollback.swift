extension BuiltinRunbooks {
    /// The Incident Runbook's rollback strategy: prefer config rollback (flags/templates); code
    /// rollback only if config is insufficient.
    static let incidentRunbookRollback = """
        id: incident-runbook-rollback
        title: Config or code rollback (Incident Runbook)
        source: Incident Runbook, "Rollback Strategy"
        applies_to: [SEV0, SEV1]
        steps:
          - id: choose
            title: Prefer config rollback (flags/templates)
            instructions: Code rollback only if config is insufficient.
            choices:
              - {label: Config rollback, goto: disable-flag}
              - {label: Code rollback (config insufficient), goto: identify-commit}
          - id: disable-flag
            title: Disable feature flag
            instructions: ["In application-pilot.yml or via feature flag:", "pilot:", "  enabled: false"]
          - id: revert-template
            title: Revert template version (if needed)
            instructions: ["pilot:", "  template-version: v1  # Revert from v2 if needed"]
          - id: restart-app
            title: Restart application
            instructions: [No code changes required, Instant rollback, Existing deals continue normally]
            next: document
          - id: identify-commit
            title: Identify commit to revert to
            checklist: [Find last known good commit, Verify commit does not break existing deals]
          - id: revert-code
            title: Revert code
            instructions:
              - "Either revert the commit or reset to it (the seed's OR): one of the two, never both."
            choices:
              - {label: Revert the commit (git revert), goto: revert-commit}
              - {label: Reset to the commit (git reset --hard), goto: reset-commit}
          - id: revert-commit
            title: Revert the commit
            commands: ["git revert <commit-hash>"]
            next: deploy
          - id: reset-commit
            title: Reset to the commit
            commands: ["git reset --hard <commit-hash>"]
          - id: deploy
            title: Deploy reverted code
            checklist: [Test in staging first, Deploy to production, Monitor closely]
          - id: document
            title: Document rollback
            checklist: [Reason for rollback, What was reverted, Impact on existing deals]
        """
}
