import IncidentKit

extension FuzzTarget {
    /// Arbitrary text as a runbook command: preparing it never crashes; shell syntax always runs
    /// as exactly `/bin/sh -c TEXT`; a direct argv survives being shown and read back (what the
    /// confirmation displays is what runs); placeholders filled with accepted values stay inside
    /// the words they were in.
    public static let commandArgv = FuzzTarget(name: "command-argv", summary: "CommandArgv and CommandTemplate") {
        bytes throws(FuzzViolation) in
        let text = String(decoding: bytes, as: UTF8.self)
        let prepared = CommandArgv.prepare(text)
        if prepared.unrunnable != nil {
            guard prepared.argv.isEmpty else { throw FuzzViolation("an unrunnable command has an argv") }
        } else if prepared.usesShell {
            guard prepared.argv == [CommandArgv.shell, "-c", text] else {
                throw FuzzViolation("shell command not run as sh -c TEXT: \(prepared.argv)")
            }
        } else {
            guard !prepared.argv.isEmpty else { throw FuzzViolation("direct command with no argv") }
            let reread = CommandArgv.prepare(CommandArgv.display(prepared.argv))
            guard reread.argv == prepared.argv, !reread.usesShell else {
                throw FuzzViolation("display does not read back: \(prepared.argv) -> \(reread.argv)")
            }
        }
        let names = CommandTemplate.placeholders(in: text)
        let values = Dictionary(uniqueKeysWithValues: names.map { ($0, "v-\($0.count)") })
        guard values.values.allSatisfy({ CommandTemplate.problem(with: $0) == nil }) else {
            throw FuzzViolation("a plain value was refused")
        }
        let filled = CommandTemplate.fill(text, values: values)
        guard CommandTemplate.placeholders(in: filled).allSatisfy({ !names.contains($0) }) else {
            throw FuzzViolation("a placeholder survived filling: \(filled)")
        }
    }
}
