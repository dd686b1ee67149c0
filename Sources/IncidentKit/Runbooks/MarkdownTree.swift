import CCmarkGFM

/// A Markdown document as cmark-gfm (GitHub's CommonMark parser) reads it, copied out of C
/// memory into plain values: block nodes with their source lines, inline nodes with their text.
struct MarkdownNode: Sendable {
    enum Kind: Sendable, Equatable {
        case document, heading(level: Int), paragraph, blockQuote, list(ordered: Bool, start: Int), item
        case task(checked: Bool), codeBlock(info: String, fenced: Bool), htmlBlock, rule, table, tableRow
        case tableCell, text, code, softBreak, lineBreak, emphasis, strong, strikethrough, link, image
        case htmlInline, other(String)
    }

    var kind: Kind
    /// The node's own text: code, text, HTML.
    var literal: String
    var startLine: Int
    var endLine: Int
    var children: [MarkdownNode]
}

enum MarkdownTree {
    /// Registers the GFM extensions with cmark once per process (its registry is global).
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()
    static let extensions = ["table", "tasklist", "strikethrough", "autolink"]

    static func parse(_ text: String) -> MarkdownNode {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            return MarkdownNode(kind: .document, literal: "", startLine: 1, endLine: 1, children: [])
        }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            return MarkdownNode(kind: .document, literal: "", startLine: 1, endLine: 1, children: [])
        }
        defer { cmark_node_free(document) }
        return copy(document, depth: 0)
    }

    /// Nesting deeper than this (a file of `>>>>…` or of nested lists) is kept as its source
    /// lines, unparsed: the copy and the importer's walk recurse, and a thread's stack is small.
    static let maxDepth = 48

    private static func copy(_ node: OpaquePointer, depth: Int) -> MarkdownNode {
        guard depth < maxDepth else {
            return MarkdownNode(
                kind: .other("nested too deep"), literal: "", startLine: Int(cmark_node_get_start_line(node)),
                endLine: Int(cmark_node_get_end_line(node)), children: [])
        }
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(copy(current, depth: depth + 1))
            child = cmark_node_next(current)
        }
        return MarkdownNode(
            kind: kind(of: node), literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
            startLine: Int(cmark_node_get_start_line(node)), endLine: Int(cmark_node_get_end_line(node)),
            children: children)
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        switch name {
        case "document": return .document
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)))
        case "paragraph": return .paragraph
        case "block_quote": return .blockQuote
        case "list":
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)))
        case "item": return .item
        case "tasklist": return .task(checked: cmark_gfm_extensions_get_tasklist_item_checked(node))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            return .codeBlock(info: info, fenced: cmark_node_get_fenced(node, &length, &offset, &character) != 0)
        case "html_block": return .htmlBlock
        case "thematic_break": return .rule
        case "table": return .table
        case "table_row", "table_header": return .tableRow
        case "table_cell": return .tableCell
        case "text": return .text
        case "code": return .code
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "emph": return .emphasis
        case "strong": return .strong
        case "strikethrough": return .strikethrough
        case "link": return .link
        case "image": return .image
        case "html_inline": return .htmlInline
        default: return .other(name)
        }
    }
}

extension MarkdownNode {
    /// The inline content as plain text: code spans keep their backticks, emphasis its `**`,
    /// soft line breaks become `separator`.
    func inlineText(separator: String = " ") -> String {
        switch kind {
        case .text, .htmlInline: return literal
        case .code: return "`" + literal + "`"
        case .softBreak, .lineBreak: return separator
        case .strong: return "**" + children.map { $0.inlineText(separator: separator) }.joined() + "**"
        default: return children.map { $0.inlineText(separator: separator) }.joined()
        }
    }

    /// The code spans in the inline content, in order.
    var codeSpans: [String] {
        if kind == .code { return [literal] }
        return children.flatMap(\.codeSpans)
    }
}
