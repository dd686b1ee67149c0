import Foundation

/// One piece of a Markdown document as the runbook importer sees it.
enum MarkdownBlock {
    case heading(level: Int, text: String, line: Int)
    /// A line that starts with bold "**Step N…": a step heading written as emphasis.
    case boldStep(text: String, line: Int)
    case fence(MarkdownFence)
    case listItem(MarkdownListItem)
    case text(String, line: Int)
    /// A horizontal rule ("---"): pure markup.
    case rule
    case blank
}

struct MarkdownFence {
    /// The first word after the backticks, lowercased ("" when none).
    let language: String
    let openLine: Int
    let openRaw: String
    /// The lines between the fences, with their line numbers, as written.
    let body: [(line: Int, text: String)]
    let closeRaw: String?

    /// Fences without a language or with a shell language hold commands; others hold config to apply.
    var isShell: Bool {
        ["", "bash", "sh", "shell", "zsh", "ksh", "fish", "console", "terminal", "shell-session", "shellsession"]
            .contains(language)
    }
}

struct MarkdownListItem {
    enum Kind: Equatable {
        case numbered(Int)
        case bullet
        case check(done: Bool)
    }

    let indent: Int
    let kind: Kind
    /// The text after the marker.
    let text: String
    /// The line trimmed, marker included.
    let raw: String
    let line: Int
}

/// Splits Markdown text into blocks: headings, fenced code, list items, text lines.
enum MarkdownScanner {
    static func lines(of text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        return lines
    }

    static func blocks(of text: String) -> [MarkdownBlock] {
        let lines = lines(of: text)
        var blocks: [MarkdownBlock] = []
        var index = 0
        while index < lines.count {
            let raw = lines[index]
            let number = index + 1
            index += 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                blocks.append(.blank)
            } else if let marker = fenceMarker(trimmed) {
                var body: [(line: Int, text: String)] = []
                var close: String?
                while index < lines.count {
                    let inner = lines[index]
                    index += 1
                    let t = inner.trimmingCharacters(in: .whitespaces)
                    if t.count >= marker.count, t.allSatisfy({ $0 == marker.first }) {
                        close = inner
                        break
                    }
                    body.append((index, inner))
                }
                let language =
                    trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
                    .split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first.map { $0.lowercased() } ?? ""
                blocks.append(
                    .fence(
                        MarkdownFence(
                            language: language, openLine: number, openRaw: raw, body: body, closeRaw: close)))
            } else if let heading = heading(trimmed, raw: raw) {
                blocks.append(.heading(level: heading.level, text: heading.text, line: number))
            } else if isRule(trimmed) {
                blocks.append(.rule)
            } else if trimmed.hasPrefix("**Step "), trimmed.dropFirst(7).first?.isNumber == true {
                blocks.append(.boldStep(text: MarkdownText.unbold(trimmed), line: number))
            } else if let item = listItem(raw, line: number) {
                blocks.append(.listItem(item))
            } else {
                blocks.append(.text(trimmed, line: number))
            }
        }
        return blocks
    }

    /// "```" or "~~~" (three or more) when the line opens a fence.
    static func fenceMarker(_ trimmed: String) -> String? {
        for char in ["`", "~"] as [Character] {
            let run = trimmed.prefix { $0 == char }
            if run.count >= 3 && !(char == "`" && trimmed.dropFirst(run.count).contains("`")) { return String(run) }
        }
        return nil
    }

    static func heading(_ trimmed: String, raw: String) -> (level: Int, text: String)? {
        guard raw.prefix(while: { $0 == " " }).count < 4 else { return nil }
        let hashes = trimmed.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = trimmed.dropFirst(hashes.count)
        guard rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        // A closing run of #s ("## Title ##") is markup.
        if text.hasSuffix("#") {
            let body = text.reversed().drop { $0 == "#" }
            if body.first == " " { text = String(body.reversed()).trimmingCharacters(in: .whitespaces) }
        }
        guard !text.isEmpty else { return nil }
        return (hashes.count, MarkdownText.unbold(text))
    }

    static func isRule(_ trimmed: String) -> Bool {
        guard let first = trimmed.first, "-*_".contains(first) else { return false }
        let chars = trimmed.filter { $0 != " " }
        return chars.count >= 3 && chars.allSatisfy { $0 == first }
    }

    static func listItem(_ raw: String, line: Int) -> MarkdownListItem? {
        let indent = raw.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if let first = trimmed.first, "-*+".contains(first), trimmed.dropFirst().first == " " {
            let text = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            for (box, done) in [("[ ]", false), ("[x]", true), ("[X]", true)] where text.hasPrefix(box) {
                let rest = text.dropFirst(3)
                if rest.isEmpty || rest.first == " " {
                    return MarkdownListItem(
                        indent: indent, kind: .check(done: done), text: rest.trimmingCharacters(in: .whitespaces),
                        raw: trimmed, line: line)
                }
            }
            return MarkdownListItem(indent: indent, kind: .bullet, text: text, raw: trimmed, line: line)
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard (1...4).contains(digits.count), let n = Int(digits) else { return nil }
        let rest = trimmed.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " else { return nil }
        return MarkdownListItem(
            indent: indent, kind: .numbered(n), text: after.trimmingCharacters(in: .whitespaces), raw: trimmed,
            line: line)
    }
}

enum MarkdownText {
    /// Removes "**" emphasis markers.
    static func unbold(_ s: String) -> String {
        s.replacingOccurrences(of: "**", with: "").trimmingCharacters(in: .whitespaces)
    }

    /// A lowercase slug of letters and digits joined by "-".
    static func slug(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
