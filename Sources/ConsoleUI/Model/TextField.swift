/// A one-line text input that edits whole graphemes, so backspace removes a multi-byte
/// character at once. It holds at most `maxLength` characters: a paste of a megabyte is cut
/// there and `overflowed` says so, for the form to tell the user.
public struct TextField: Equatable, Sendable {
    public static let maxLength = 4096

    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// Characters were refused because the field was full.
    public private(set) var overflowed = false

    public init(_ text: String = "") {
        characters = Array(text.prefix(TextField.maxLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        overflowed = false
        switch key {
        case .char(let c):
            guard !c.isNewline else { return false }
            guard characters.count < TextField.maxLength else {
                overflowed = true
                return true
            }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"): characters.removeSubrange(cursor..<characters.count)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default: return false
        }
        return true
    }
}
