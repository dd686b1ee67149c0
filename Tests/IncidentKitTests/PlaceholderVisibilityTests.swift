import Foundation
import Testing

@testable import IncidentKit

#if canImport(Glibc)
    import Glibc
#endif

/// A placeholder is only useful if the terminal draws it. The C library's wcwidth is what
/// ncurses uses: a scalar it calls unprintable (-1) is dropped or shown as a blank, which is how
/// U+2427 (assigned only in Unicode 16) made bidi overrides and zero-width joiners invisible.
@Suite struct PlaceholderVisibilityTests {
    /// The C library's wcwidth (not imported by the Glibc module).
    private static let wcwidth: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    @Test func everyPlaceholderIsPrintableForTheCLibrary() throws {
        let wcwidth = try #require(Self.wcwidth)
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var dangerous: [Unicode.Scalar] = (0x00...0x1F).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0x7F)!]
        dangerous += (0x80...0x9F).compactMap(Unicode.Scalar.init)
        let formats: [ClosedRange<UInt32>] = [0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069]
        dangerous += formats.flatMap { $0.compactMap(Unicode.Scalar.init) } + ["\u{FEFF}", "\u{061C}", "\u{FFFD}"]
        for scalar in dangerous where scalar != "\t" {
            for placeholder in TextSanitizer.clean(String(scalar)).unicodeScalars {
                #expect(
                    wcwidth(Int32(placeholder.value)) >= 1,
                    "U+\(String(scalar.value, radix: 16)) becomes U+\(String(placeholder.value, radix: 16)), which wcwidth cannot print"
                )
            }
        }
    }
}
