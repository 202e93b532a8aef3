import Foundation
import MagnesiumKit
import Testing

@testable import MagnesiumText

/// `ThreeDecimals` stands in for `String(format: "%.3f")` in every JSON reply, so it must print the
/// same text.
@Suite struct ThreeDecimalsTests {
    static func expectSameAsFormat(
        _ value: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let expected = String(format: "%.3f", value)
        #expect(
            ThreeDecimals.text(value) == expected, "\(value) (bit pattern \(value.bitPattern))",
            sourceLocation: sourceLocation)
    }

    @Test func aFineGridOverZeroToOne() {
        for step in 0...200_000 { Self.expectSameAsFormat(Double(step) / 200_000) }
    }

    @Test func valuesBesideEveryRoundingBoundary() {
        // Each x.xxx5 boundary and the doubles just below and above it: the exact binary value
        // decides.
        for thousandths in 0...1_000 {
            var value = (Double(thousandths) + 0.5) / 1000
            for _ in 0..<4 { value = value.nextDown }
            for _ in 0..<9 {
                Self.expectSameAsFormat(value)
                value = value.nextUp
            }
        }
    }

    @Test func exactTiesRoundHalfToEven() {
        // k/16 times 1000 ends in exactly .5: 0.0625 prints 0.062, 0.1875 prints 0.188.
        for sixteenth in 0...16 { Self.expectSameAsFormat(Double(sixteenth) / 16) }
        #expect(ThreeDecimals.text(0.0625) == "0.062")
        #expect(ThreeDecimals.text(0.1875) == "0.188")
    }

    @Test func edgeCases() {
        for value in [
            0, -0.0, 1, 1.0.nextDown, 1.0.nextUp, .leastNonzeroMagnitude, .leastNormalMagnitude,
            0.0005, 0.0004999, 0.9995, 0.99949999,
            -0.0004, -0.25, 2.5, 12.3456, 999_999.9995, 123_456_789.0625,
        ] {
            Self.expectSameAsFormat(value)
        }
        #expect(ThreeDecimals.text(.nan) == nil)
        #expect(ThreeDecimals.text(.infinity) == nil)
        #expect(ThreeDecimals.text(1e13) == nil)
    }

    @Test func randomValues() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            Self.expectSameAsFormat(Double.random(in: 0...1, using: &generator))
        }
        for _ in 0..<20_000 {
            Self.expectSameAsFormat(
                Double(bitPattern: UInt64.random(in: 0...0x3FF0_0000_0000_0000, using: &generator)))
        }
    }
}
