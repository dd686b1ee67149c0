import Foundation

/// A file name made from text that comes from artifact files (an incident id, a step id): only
/// letters, digits, `.`, `_` and `-` are kept, the rest become `_`, and it never starts with a
/// dot, so an id like `../../etc/x` cannot name a file outside its directory or a hidden one.
public enum SafeFileName {
    public static func from(_ text: String) -> String {
        let kept = String(
            text.unicodeScalars.map {
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0)
                    ? Character($0) : "_"
            })
        return kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept.isEmpty ? "_" : kept
    }
}
