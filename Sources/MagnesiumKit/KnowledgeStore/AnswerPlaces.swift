import MagnesiumKnowledge

/// Designed answers' places in `graph.answers` by id. Ranking looks up every ranked answer's place
/// several times a question; ``FastHash`` over the id's bytes costs a fraction of the seeded
/// hashing a `Dictionary` does for a `String`.
struct AnswerPlaces: Sendable {
    private let ids: [String]
    /// Open addressing: each slot holds a place plus one, or 0 when empty; at least twice as many
    /// slots as answers, a power of two.
    private let slots: [Int32]

    init(_ ids: [String]) {
        var size = 8
        while size < ids.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (place, id) in ids.enumerated() {
            var slot = Self.firstSlot(of: id, size: size)
            // A repeated id takes the later place, as `Graph.answerIndex` does.
            while slots[slot] != 0 && ids[Int(slots[slot]) - 1] != id {
                slot = (slot + 1) & (size - 1)
            }
            slots[slot] = Int32(place + 1)
        }
        self.ids = ids
        self.slots = slots
    }

    /// The answer's place, or nil for an id no answer has.
    func place(of id: String) -> Int? {
        var slot = Self.firstSlot(of: id, size: slots.count)
        while slots[slot] != 0 {
            let place = Int(slots[slot]) - 1
            if ids[place] == id { return place }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    private static func firstSlot(of id: String, size: Int) -> Int {
        var id = id
        return Int(truncatingIfNeeded: id.withUTF8 { FastHash.hash($0) }) & (size - 1)
    }
}
