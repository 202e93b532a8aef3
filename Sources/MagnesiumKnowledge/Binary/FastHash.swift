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
        state = Self.step(state, value)
    }

    package mutating func combine(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { combine(bytes: $0) }
    }

    package mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        combine(UInt64(bytes.count))
        let words = bytes.count / 8
        let raw = UnsafeRawBufferPointer(bytes)
        func word(_ index: Int) -> UInt64 {
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        var index = 0
        if words >= 4 * Self.lanesFrom {
            index = combineInLanes(words: words, word)
        }
        while index < words {
            combine(word(index))
            index += 1
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() {
            tail |= UInt64(byte) << UInt64(shift * 8)
        }
        combine(tail)
    }

    /// Long inputs (the compiled cache's payload, YAML files) are hashed in four interleaved
    /// lanes, word `i` into lane `i % 4`, which the processor works on side by side: one lane
    /// waits for each multiply to finish, which made checking the cache a fifth of its decoding.
    /// Each lane's step is one-to-one in the word, and the lanes are combined one after the other,
    /// so a changed 8-byte word still always changes the hash. Returns the words consumed.
    private mutating func combineInLanes(words: Int, _ word: (Int) -> UInt64) -> Int {
        var lanes = (
            state, state ^ 0x6A09_E667_F3BC_C908, state ^ 0xBB67_AE85_84CA_A73B,
            state ^ 0x3C6E_F372_FE94_F82B
        )
        var index = 0
        while index + 4 <= words {
            lanes.0 = Self.step(lanes.0, word(index))
            lanes.1 = Self.step(lanes.1, word(index + 1))
            lanes.2 = Self.step(lanes.2, word(index + 2))
            lanes.3 = Self.step(lanes.3, word(index + 3))
            index += 4
        }
        state = lanes.0
        combine(lanes.1)
        combine(lanes.2)
        combine(lanes.3)
        return index
    }

    /// Inputs of at least this many 4-word blocks go through the lanes.
    private static let lanesFrom = 4

    @inline(__always)
    private static func step(_ state: UInt64, _ value: UInt64) -> UInt64 {
        var word = value &* mixer
        word = (word << 31) | (word >> 33)
        var next = (state ^ word) &* multiplier
        next = (next << 27) | (next >> 37)
        return next &+ 0x52DC_E729
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
