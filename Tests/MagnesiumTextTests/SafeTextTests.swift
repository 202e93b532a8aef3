import Foundation
import Testing

@testable import MagnesiumText

/// The one list of characters never printed raw (review §1.7: three escapers had three lists).
@Suite struct SafeTextTests {
    @Test func controlsAndBidiOverridesAreShownEscaped() {
        #expect(SafeText.escaped("a\u{1B}[31mred\u{07}") == "a\\e[31mred\\x07")
        #expect(SafeText.escaped("x\u{202E}y") == "x\\u{202E}y")
        #expect(SafeText.escaped("café 😀") == "café 😀")
    }

    @Test func everyC0AndC1ControlAndDELIsEscaped() {
        for value in Array(0x00..<0x20) + [0x7F] + Array(0x80...0x9F) {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(SafeText.isUnsafe(scalar), "U+\(String(value, radix: 16))")
            let shown = SafeText.escaped("a" + String(Character(scalar)) + "b")
            #expect(shown.hasPrefix("a\\") && shown.hasSuffix("b"), "\(shown.debugDescription)")
            #expect(!shown.unicodeScalars.contains(scalar))
        }
        #expect(SafeText.escaped("a\nb", keepingNewlines: true) == "a\nb")
        #expect(SafeText.escaped("a\nb") == "a\\nb")
    }

    @Test func bidirectionalAndInvisibleFormatCharactersAreEscaped() {
        for value: UInt32 in [
            0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E, 0x2060, 0x2066, 0x2069, 0xFEFF,
        ] {
            let scalar = Unicode.Scalar(value)!
            #expect(SafeText.isUnsafe(scalar))
            #expect(
                SafeText.escaped("a" + String(Character(scalar)) + "b")
                    == "a\\u{\(String(value, radix: 16, uppercase: true))}b")
        }
        #expect(SafeText.escaped("a\u{061C}b") == "a\\u{061C}b")
        // Joiners and ordinary letters stay: emoji and other scripts need them.
        for kept in ["\u{200D}", "é", "ж", "漢", "🙂", "👩‍👩‍👧"] {
            #expect(SafeText.escaped(kept) == kept)
        }
    }

    @Test func invalidUTF8ArrivesRepairedAndPrintsSafely() {
        // a, invalid, CSI (C1), "2J", cut-off sequence
        let bytes: [UInt8] = [0x61, 0xFF, 0xC2, 0x9B, 0x32, 0x4A, 0xE2, 0x80]
        let text = String(decoding: bytes, as: UTF8.self)
        let shown = SafeText.escaped(text)
        #expect(shown == "a\u{FFFD}\\x9B2J\u{FFFD}")
        #expect(!shown.unicodeScalars.contains { SafeText.isUnsafe($0) })
    }

    @Test func unsafeScalarReadsUTF8AsIsUnsafeDoes() {
        for value in Array(0x80...0x2100) + [0xFEFE, 0xFEFF, 0xFFFD] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            let found = bytes.withUnsafeBufferPointer { SafeText.unsafeScalar(in: $0, at: 0) }
            #expect((found != nil) == SafeText.isUnsafe(scalar), "U+\(String(value, radix: 16))")
            if let found { #expect(found.0 == scalar && found.1 == bytes.count) }
        }
    }
}

/// The one scanner of `[1, 2]` citation markers.
@Suite struct CitationsTests {
    @Test func markersAreCommaSeparatedNumbersOnly() {
        let text =
            "Take it with food [1]. Studies differ [2, 3]; see [note] and [4,5] but not [] or [1, x]."[
                ...]
        #expect(Citations.markers(in: text).map(\.numbers) == [[1], [2, 3], [4, 5]])
        #expect(Citations.markers(in: "no markers here"[...]).isEmpty)
        #expect(Citations.markers(in: "an unclosed [1, 2"[...]).isEmpty)
    }

    @Test func replacingMarkersLeavesTheRestAsItWas() {
        let renumbered = Citations.replacingMarkers(in: "a [1] b [2, 1] c [x]") { marker, _ in
            "[" + marker.numbers.map { String($0 + 10) }.joined(separator: ", ") + "]"
        }
        #expect(renumbered == "a [11] b [12, 11] c [x]")
    }
}
