import Foundation

/// Runbook commands often carry placeholders for what only the operator knows at the time:
/// `git revert <commit-hash>`, `--run-id <run_id>`. The wizard asks for each value before the
/// confirmation; the command that runs is the runbook's text with the values put in, shown
/// exactly. Values cannot carry quotes, backslashes, `$`, backticks or line breaks, so a value
/// can never end a quoted string or start a substitution in the command around it.
public enum CommandTemplate {
    /// The placeholders in order of first appearance: `<` a letter, then letters, digits, `_`
    /// or `-`, then `>` (so `<10 min` or `< file` are not placeholders).
    public static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "<", i + 1 < chars.count, chars[i + 1].isLetter, chars[i + 1].isASCII {
                var j = i + 1
                while j < chars.count, chars[j].isASCII,
                    chars[j].isLetter || chars[j].isNumber || "_-".contains(chars[j])
                {
                    j += 1
                }
                if j < chars.count, chars[j] == ">" {
                    let name = String(chars[(i + 1)..<j])
                    if !found.contains(name) { found.append(name) }
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return found
    }

    public static func fill(_ text: String, values: [String: String]) -> String {
        var out = text
        for (name, value) in values { out = out.replacingOccurrences(of: "<\(name)>", with: value) }
        return out
    }

    /// Why a value cannot go into a command, or nil.
    public static func problem(with value: String) -> String? {
        if value.trimmingCharacters(in: .whitespaces).isEmpty { return "a value is required" }
        let forbidden: Set<Character> = ["'", "\"", "\\", "$", "`", "\n", "\r"]
        if let bad = value.first(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 0x20 } == true }) {
            let shown = bad == "\n" || bad == "\r" ? "a line break" : "\(bad)"
            return "values cannot contain \(shown) (quotes, backslashes, $, backticks, control characters)"
        }
        return nil
    }
}
