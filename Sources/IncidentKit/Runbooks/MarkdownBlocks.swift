import Foundation

/// One piece of a Markdown document as the runbook importer sees it, in document order.
enum MarkdownBlock {
    case heading(level: Int, text: String, line: Int)
    /// A paragraph that starts with bold "**Step N…": a step heading written as emphasis.
    case boldStep(text: String, line: Int)
    case fence(MarkdownFence)
    case listItem(MarkdownListItem)
    /// One source line of a paragraph, table or HTML block, as written (trimmed).
    case text(String, line: Int)
    /// The code spans of the paragraph just before, for commands written inline.
    case inlineCode(paragraph: String, spans: [String], line: Int)
    /// A horizontal rule ("---"): pure markup.
    case rule
}

struct MarkdownFence {
    /// The first word of the info string, lowercased ("" when none, or an indented block).
    let language: String
    let openLine: Int
    /// The opening fence line as written; nil for an indented code block.
    let openRaw: String?
    /// The lines of the code, with their line numbers.
    let body: [(line: Int, text: String)]
    let closeRaw: String?
    let closed: Bool

    static let shellLanguages: Set<String> = [
        "bash", "sh", "shell", "zsh", "ksh", "fish", "console", "terminal", "shell-session", "shellsession",
        "shell-script", "posh", "sh-session",
    ]

    var isShellTagged: Bool { Self.shellLanguages.contains(language) }
}

struct MarkdownListItem {
    enum Kind: Equatable {
        case numbered(Int)
        case bullet
        case check(done: Bool)
    }

    /// 0 for a top-level item, 4 per level of nesting.
    let indent: Int
    let kind: Kind
    /// The item's first paragraph (line breaks as spaces).
    let text: String
    /// The item's first line as written, marker included.
    let raw: String
    let line: Int
    /// The code spans of the item's first paragraph.
    let codeSpans: [String]
}

/// Turns cmark-gfm's tree into the importer's blocks: structure from the tree, text from the
/// source lines it points at (so instructions read as written).
enum MarkdownScanner {
    static func lines(of text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        return lines
    }

    static func blocks(of text: String) -> [MarkdownBlock] {
        let source = lines(of: text)
        var out: [MarkdownBlock] = []
        for node in MarkdownTree.parse(text).children { emit(node, depth: 0, source: source, into: &out) }
        return out
    }

    private static func line(_ source: [String], _ number: Int) -> String {
        source.indices.contains(number - 1) ? source[number - 1] : ""
    }

    private static func emit(_ node: MarkdownNode, depth: Int, source: [String], into out: inout [MarkdownBlock]) {
        switch node.kind {
        case .heading(let level):
            let text = MarkdownText.unbold(node.inlineText())
            if !text.isEmpty { out.append(.heading(level: level, text: text, line: node.startLine)) }
        case .paragraph:
            paragraph(node, source: source, into: &out)
        case .codeBlock(let info, let fenced):
            out.append(.fence(fence(node, info: info, fenced: fenced, source: source)))
        case .list(let ordered, let start):
            for (offset, item) in node.children.enumerated() {
                // An item past the nesting limit is kept as its source lines (MarkdownTree.maxDepth).
                if case .other = item.kind {
                    emit(item, depth: depth, source: source, into: &out)
                    continue
                }
                listItem(
                    item, kind: ordered ? .numbered(start + offset) : .bullet, depth: depth, source: source,
                    into: &out)
            }
        case .rule:
            out.append(.rule)
        case .blockQuote:
            for child in node.children { emit(child, depth: depth, source: source, into: &out) }
        case .table, .htmlBlock, .other:
            for number in node.startLine...max(node.startLine, node.endLine) {
                let raw = line(source, number).trimmingCharacters(in: .whitespaces)
                if !raw.isEmpty { out.append(.text(raw, line: number)) }
            }
        default:
            for child in node.children { emit(child, depth: depth, source: source, into: &out) }
        }
    }

    private static func paragraph(_ node: MarkdownNode, source: [String], into out: inout [MarkdownBlock]) {
        let text = node.inlineText()
        if text.hasPrefix("**Step "), text.dropFirst(7).first?.isNumber == true {
            out.append(.boldStep(text: MarkdownText.unbold(node.inlineText()), line: node.startLine))
        } else {
            for number in node.startLine...max(node.startLine, node.endLine) {
                let raw = line(source, number).trimmingCharacters(in: .whitespaces)
                let unquoted = raw.hasPrefix(">") ? raw.drop { $0 == ">" || $0 == " " } : Substring(raw)
                if !unquoted.isEmpty { out.append(.text(String(unquoted), line: number)) }
            }
        }
        let spans = node.codeSpans
        if !spans.isEmpty { out.append(.inlineCode(paragraph: text, spans: spans, line: node.startLine)) }
    }

    private static func fence(_ node: MarkdownNode, info: String, fenced: Bool, source: [String]) -> MarkdownFence {
        var body = node.literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if body.last == "" { body.removeLast() }
        let first = fenced ? node.startLine + 1 : node.startLine
        let language =
            info.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first.map { $0.lowercased() } ?? ""
        let closeLine = line(source, node.endLine).trimmingCharacters(in: .whitespaces)
        let closed =
            fenced && node.endLine > node.startLine && closeLine.count >= 3
            && (closeLine.allSatisfy { $0 == "`" } || closeLine.allSatisfy { $0 == "~" })
        return MarkdownFence(
            language: language, openLine: node.startLine,
            openRaw: fenced ? line(source, node.startLine).trimmingCharacters(in: .whitespaces) : nil,
            body: body.enumerated().map { (first + $0.offset, $0.element) },
            closeRaw: closed ? closeLine : nil, closed: closed || !fenced)
    }

    private static func listItem(
        _ item: MarkdownNode, kind: MarkdownListItem.Kind, depth: Int, source: [String],
        into out: inout [MarkdownBlock]
    ) {
        var kind = kind
        if case .task(let checked) = item.kind { kind = .check(done: checked) }
        var rest = item.children[...]
        var text = ""
        var spans: [String] = []
        var continuation: [(Int, String)] = []
        if let first = rest.first, first.kind == .paragraph {
            rest = rest.dropFirst()
            text = MarkdownText.collapse(first.inlineText())
            spans = first.codeSpans
            if first.endLine > first.startLine {
                for number in (first.startLine + 1)...first.endLine {
                    let raw = line(source, number).trimmingCharacters(in: .whitespaces)
                    if !raw.isEmpty { continuation.append((number, raw)) }
                }
            }
        }
        let raw = line(source, item.startLine).trimmingCharacters(in: .whitespaces)
        out.append(
            .listItem(
                MarkdownListItem(
                    indent: depth * 4, kind: kind, text: text, raw: raw, line: item.startLine, codeSpans: spans)))
        for (number, raw) in continuation { out.append(.text(raw, line: number)) }
        for child in rest { emit(child, depth: depth + 1, source: source, into: &out) }
    }
}

enum MarkdownText {
    /// Removes "**" emphasis markers.
    static func unbold(_ s: String) -> String {
        s.replacingOccurrences(of: "**", with: "").trimmingCharacters(in: .whitespaces)
    }

    /// Runs of whitespace as one space.
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
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
