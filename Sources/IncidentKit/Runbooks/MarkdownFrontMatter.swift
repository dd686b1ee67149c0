import Foundation

/// YAML front matter of static-site pages ("---\ntitle: …\n---"), which CommonMark would read
/// as a rule and a heading. It is metadata, not procedure: split off, its title kept.
enum MarkdownFrontMatter {
    struct Found {
        var title: String?
        var lines: Int
    }

    /// The text with the front matter replaced by blank lines (so line numbers stay), and it.
    static func split(_ text: String) -> (String, Found?) {
        var lines = MarkdownScanner.lines(of: text)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().prefix(60).firstIndex(where: {
                ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces))
            })
        else { return (text, nil) }
        var title: String?
        for line in lines[1..<end] where line.hasPrefix("title:") {
            let value = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
            title = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        for index in 0...end { lines[index] = "" }
        return (lines.joined(separator: "\n"), Found(title: title, lines: end + 1))
    }
}
