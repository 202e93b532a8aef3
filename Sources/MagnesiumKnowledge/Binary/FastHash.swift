import MagnesiumText

/// A fast non-cryptographic 64-bit hash (8 bytes a step, murmur-style finish) for telling
/// whether files changed; not a defence against someone crafting collisions.
package struct FastHash {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    package init() {}
    private static let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
    private static let mixer: UInt64 = 0xC4CE_B9FE_1A85_EC53

    package static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = FastHash()
        hasher.combine(bytes: bytes)
        return hasher.finish()
    }

    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = FastHash()
        hasher.combine(bytes: bytes)
        return hasher.finish()
    }

    package mutating func combine(_ value: UInt64) {
        var word = value &* Self.mixer
        word = (word << 31) | (word >> 33)
        state = (state ^ word) &* Self.multiplier
        state = (state << 27) | (state >> 37)
        state = state &+ 0x52DC_E729
    }

    package mutating func combine(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { combine(bytes: $0) }
    }

    package mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        combine(UInt64(bytes.count))
        let words = bytes.count / 8
        if words > 0 {
            let raw = UnsafeRawBufferPointer(bytes)
            for index in 0..<words {
                combine(
                    UInt64(
                        littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                )
            }
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() {
            tail |= UInt64(byte) << UInt64(shift * 8)
        }
        combine(tail)
    }

    package func finish() -> UInt64 {
        var value = state
        value ^= value >> 33
        value = value &* Self.multiplier
        value ^= value >> 33
        value = value &* Self.mixer
        value ^= value >> 33
        return value
    }
}
