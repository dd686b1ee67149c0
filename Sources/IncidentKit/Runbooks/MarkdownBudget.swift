import Foundation

/// Reads time budgets out of runbook text: "(30 seconds)", "(5-10 minutes)", "Time Estimate: 2-3 minutes",
/// "Target Time: <5 minutes". Ranges count as their upper bound; "15+ minutes" counts as 15 minutes.
enum MarkdownBudget {
    /// The runbook-level targets, strongest first: an explicit "Target Time" wins over "Total Time",
    /// which wins over a bare "Target: … <20 minutes".
    enum TargetKind: Int, Comparable {
        case target = 0
        case totalTime = 1
        case targetTime = 2

        static func < (a: TargetKind, b: TargetKind) -> Bool { a.rawValue < b.rawValue }
    }

    /// The seconds of a phrase that is exactly a duration ("2 minutes", "<5 min", "5-10 minutes", "15+ minutes").
    static func seconds(exactly phrase: some StringProtocol) -> Int? {
        guard let (seconds, rest) = leadingDuration(phrase) else { return nil }
        return rest.trimmingCharacters(in: .whitespaces).isEmpty ? seconds : nil
    }

    /// The seconds of the duration the phrase starts with, and what follows it.
    static func leadingDuration(_ phrase: some StringProtocol) -> (Int, Substring)? {
        var s = Substring(phrase).drop { $0 == " " }
        for prefix in ["<=", ">=", "≤", "<", "~", "approx.", "about ", "up to "] where s.lowercased().hasPrefix(prefix)
        {
            s = s.dropFirst(prefix.count).drop { $0 == " " }
            break
        }
        guard var value = number(&s) else { return nil }
        let afterFirst = s
        s = s.drop { $0 == " " }
        if let dash = s.first, dash == "-" || dash == "–" || dash == "—" {
            var t = s.dropFirst().drop { $0 == " " }
            if let upper = number(&t) { value = upper; s = t } else { s = afterFirst }
        } else if s.lowercased().hasPrefix("to ") {
            var t = s.dropFirst(3).drop { $0 == " " }
            if let upper = number(&t) { value = upper; s = t }
        }
        if s.first == "+" { s = s.dropFirst() }
        s = s.drop { $0 == " " }
        let word = s.prefix { $0.isLetter }
        let units: [(names: [String], seconds: Double)] = [
            (["s", "sec", "secs", "second", "seconds"], 1),
            (["m", "min", "mins", "minute", "minutes"], 60),
            (["h", "hr", "hrs", "hour", "hours"], 3600),
        ]
        guard let unit = units.first(where: { $0.names.contains(word.lowercased()) }) else { return nil }
        return (Int((value * unit.seconds).rounded()), s.dropFirst(word.count))
    }

    private static func number(_ s: inout Substring) -> Double? {
        let text = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let value = Double(text), text.first?.isNumber == true else { return nil }
        s = s.dropFirst(text.count)
        return value
    }

    /// The budget in a heading or item title: its last parenthesized group that is a duration.
    static func titleBudget(_ title: String) -> Int? {
        var found: Int?
        var depth = 0
        var current = ""
        for char in title {
            if char == "(" {
                depth += 1
                current = ""
            } else if char == ")" && depth > 0 {
                depth -= 1
                if let seconds = seconds(exactly: current) { found = seconds }
            } else if depth > 0 {
                current.append(char)
            }
        }
        return found
    }

    /// The text after a label such as "Time Estimate", in a line like "**Time Estimate**: 2-3 minutes"
    /// or "# Target: …".
    static func labelled(_ line: String, _ label: String) -> Substring? {
        var s = Substring(MarkdownText.unbold(line))
        s = s.drop { $0 == "#" || $0 == "-" || $0 == "*" || $0 == " " || $0 == ">" }
        guard s.lowercased().hasPrefix(label.lowercased()) else { return nil }
        s = s.dropFirst(label.count).drop { $0 == " " }
        guard s.first == ":" else { return nil }
        return s.dropFirst()
    }

    /// A step budget written as its own line: "Time Estimate: 2-3 minutes".
    static func estimate(_ line: String) -> Int? {
        for label in ["Time Estimate", "Estimated Time", "Time Budget", "Budget"] {
            if let rest = labelled(line, label), let (seconds, _) = leadingDuration(rest) { return seconds }
        }
        return nil
    }

    /// A runbook target written as a line: "Target Time: <5 minutes", "Total Time: 10-15 minutes",
    /// "Target: Complete drill in <20 minutes".
    static func target(_ line: String) -> (TargetKind, Int)? {
        if let rest = labelled(line, "Target Time"), let (seconds, _) = leadingDuration(rest) {
            return (.targetTime, seconds)
        }
        if let rest = labelled(line, "Total Time"), let (seconds, _) = leadingDuration(rest) {
            return (.totalTime, seconds)
        }
        if let rest = labelled(line, "Target") {
            var s = rest
            while !s.isEmpty {
                if let (seconds, _) = leadingDuration(s) { return (.target, seconds) }
                s = s.dropFirst()
            }
        }
        return nil
    }
}
