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
        // Filling is one pass: the same values in another order give the same command, and a
        // text without placeholders is left as it is.
        var reordered: [String: String] = [:]
        for name in names.reversed() { reordered[name] = values[name] }
        guard CommandTemplate.fill(text, values: values) == CommandTemplate.fill(text, values: reordered) else {
            throw FuzzViolation("filling depends on the order of the values")
        }
        if names.isEmpty, CommandTemplate.fill(text, values: values) != text {
            throw FuzzViolation("a text without placeholders changed")
        }
        // A value is one argv word: with spaces, `#` or glob characters in the values, the
        // command still runs directly when it did with plain ones, with as many words.
        let plain = CommandArgv.prepare(CommandTemplate.fill(text, values: values))
        let awkward = Dictionary(uniqueKeysWithValues: names.map { ($0, "a b#c*? ~{x}") })
        let filled = CommandArgv.prepare(CommandTemplate.fill(text, values: awkward))
        if !plain.usesShell, plain.unrunnable == nil, filled.usesShell || filled.argv.count != plain.argv.count {
            throw FuzzViolation("a value changed the command's words: \(plain.argv) -> \(filled.argv)")
        }
    }
}
