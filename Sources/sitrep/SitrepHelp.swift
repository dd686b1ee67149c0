/// The long description of `sitrep --help`, which is also the DESCRIPTION of the generated man
/// page. Paragraphs are single lines: the help wraps them to the terminal's width.
enum SitrepHelp {
    static let discussion = """
        Reads the JSON and JSONL artifacts under a root directory (--root, $SITREP_ROOT, the config file's root, or the current directory), folds the incident journals into incidents with live SLA timers and escalation levels, and writes every decision back as append-only JSON lines. With no subcommand it opens the full-screen console; `sitrep demo` shows it on a simulated root with no setup.

        Configuration: $XDG_CONFIG_HOME/sitrep/config.yaml (else ~/.config/sitrep/config.yaml), or --config FILE, may set root, policy, theme, operator, poll_interval, read_only, mouse, ascii, color and keys (action: key). The command line wins over the file. Errors name the file, the line and the key.

        Themes: --theme default, high-contrast, deuteranopia, light or mono (compiled in), a name under $XDG_CONFIG_HOME/sitrep/themes/, or a YAML file. Policies: --policy NAME|FILE, else the root's .sitrep/policy.yaml, else the config's policy, else incident-runbook.

        Terminals: works on 8, 16 and 256-colour terminals and inside tmux and screen; NO_COLOR or --no-color drops colour; LANG=C or --ascii draws with ASCII. With TERM=dumb or no terminal the console refuses; use `sitrep status` there.

        Environment: SITREP_ROOT, SITREP_USER (the operator name), SITREP_NOW (an RFC 3339 clock for tests and drills), NO_COLOR, XDG_CONFIG_HOME, TERM, LANG/LC_ALL.

        Exit status: 0 on success, 1 on an error (the message says what to do), 64 on a usage error; `sitrep check` exits 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
        """
}
