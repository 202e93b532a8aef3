import MagnesiumKnowledge
import MagnesiumUnderstanding

/// "Can dogs take magnesium?", "is glycinate safe for my cat?": every figure and caution here is
/// for people, so a question about giving magnesium to an animal is declined and sent to a vet
/// rather than answered with human doses.
extension Session {
    /// The animal a line asks about giving magnesium to, or nil: "for my dog", "to cats", or an
    /// animal at the head of a question about giving or taking ("can dogs take it?", "my cat
    /// keeps cramping, can I give her some?"). One named in passing ("I walk my dog and get
    /// cramps, is magnesium safe?") asks nothing about it.
    func animalAskedAbout(_ understanding: Understanding) -> String? {
        let words = understanding.tokens.map(\.text)
        let asksAboutGiving = words.contains(where: Self.givingWords.contains)
        for (index, word) in words.enumerated() where Self.animalWords.contains(word) {
            let before = words[max(0, index - 2)..<index]
            let forIt =
                before.last.map(Self.forWords.contains) == true
                || (before.count == 2 && Self.forWords.contains(before.first!)
                    && Self.ownerWords.contains(before.last!))
            if forIt || (index <= 2 && asksAboutGiving) { return word }
        }
        return nil
    }

    func notForAnimals(_ animal: String, context: inout [String]) -> Reply {
        context.append("about an animal: \(animal)")
        return Reply(
            question: "",
            text:
                "I only cover magnesium for people, so I can't say whether it is safe for a \(Self.singular(animal)) or how much to give: please ask a vet.",
            intent: ReservedID.outOfScope, confidence: 0.9)
    }

    private static func singular(_ animal: String) -> String {
        switch animal {
        case "puppies": "puppy"
        case "ponies": "pony"
        case "pets", "dogs", "cats", "kittens", "horses", "rabbits", "hamsters":
            String(animal.dropLast())
        default: animal
        }
    }

    static let animalWords: Set<String> = [
        "dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "kittens", "horse", "horses",
        "pony", "ponies", "pet", "pets", "rabbit", "rabbits", "hamster", "hamsters",
    ]
    private static let forWords: Set<String> = ["for", "to"]
    private static let ownerWords: Set<String> = [
        "my", "our", "your", "the", "a", "his", "her", "their",
    ]
    private static let givingWords: Set<String> = [
        "give", "giving", "take", "takes", "taking", "have", "safe", "ok", "okay", "dose", "dosage",
        "feed", "need", "needs",
    ]
}
