import MagnesiumUnderstanding

/// "Can dogs take magnesium?", "is glycinate safe for my cat?": every figure and caution here is
/// for people, so a question about giving magnesium to an animal is declined and sent to a vet
/// rather than answered with human doses.
extension Session {
    /// The animal a line asks about giving magnesium to, or nil: "for my dog", "to cats", "give my
    /// dog some", or an animal at the head of a question about giving or taking ("can dogs take
    /// it?", "my cat keeps cramping, can I give her some?"). One named in passing ("I walk my dog
    /// and get cramps, is magnesium safe?") asks nothing about it.
    func animalAskedAbout(_ understanding: Understanding) -> String? {
        let tokens = understanding.tokens
        for index in tokens.indices
        where Self.animalWords.contains(tokens[index].text)
            || (Self.breedsNamedWithAnAge.contains(tokens[index].text) && index > 0
                && (tokens[index - 1].text == "old"
                    || tokens.contains { Self.animalCareWords.contains($0.text) }))
        {
            let previous = index > 0 ? tokens[index - 1].text : ""
            let beforeThat = index > 1 ? tokens[index - 2].text : ""
            // "for my dog", "to cats", and "give my dog some": the animal is who it is given to.
            let forIt =
                Self.forWords.contains(previous)
                || (Self.ownerWords.contains(previous)
                    && (Self.forWords.contains(beforeThat)
                        || Self.handingWords.contains(beforeThat)))
            // "My 12 year old lab gets cramps, can I give him one?": an animal told by its age
            // heads the line as "my dog" does.
            let aged =
                (previous == "old" && index <= 6)
                || (Self.ownerWords.contains(previous) && index <= 2
                    && Self.breedsNamedWithAnAge.contains(tokens[index].text))
            if forIt
                || ((index <= 2 || aged) && tokens.contains { Self.givingWords.contains($0.text) })
            {
                return tokens[index].text
            }
        }
        return nil
    }

    /// The answer written about pets that fits the line best ("can I give my dog my gummies?"
    /// warns of xylitol), or, when none fits, the plain advice to ask a vet: an answer for people
    /// is never given for an animal.
    mutating func answerAboutAnimals(
        _ animal: String, ranked: [RankedAnswer], _ understanding: Understanding,
        context: inout [String]
    ) -> Reply {
        guard
            let best = ranked.first(where: { entry in
                knowledge.isAboutAnimals(answerAt: entry.answer, isAnimal: Self.namesAnAnimal)
            }), best.score >= Thresholds.designedAnswerScore
        else { return notForAnimals(animal, context: &context) }
        context.append("about an animal: \(animal)")
        return reply(
            for: graph.answers[best.answer], score: best.score, understanding: understanding,
            person: Person(audience: [], age: nil), context: &context)
    }

    /// Whether a word of an answer's question points to an animal: "dog", "cats", a breed
    /// ("labrador", "spaniel"), another pet ("budgie") or the vet.
    static func namesAnAnimal(_ word: String) -> Bool {
        animalWords.contains(word) || breedsNamedWithAnAge.contains(word)
            || otherPetsAndTheVet.contains(word)
    }

    /// Pets the questions about animals name beside dogs, cats and horses, and the vet.
    private static let otherPetsAndTheVet: Set<String> = [
        "budgie", "budgies", "parrot", "tortoise", "ferret", "guinea", "staffie", "cockapoo",
        "russell", "vet", "vets",
    ]

    func notForAnimals(_ animal: String, context: inout [String]) -> Reply {
        declined(
            "I only cover magnesium for people, so I can't say whether it is safe for a \(Self.singular(animal)) or how much to give: please ask a vet.",
            note: "about an animal: \(animal)", context: &context)
    }

    /// "puppies" -> "puppy", "dogs" -> "dog".
    private static func singular(_ animal: String) -> String {
        if animal.hasSuffix("ies") { return animal.dropLast(3) + "y" }
        return animal.hasSuffix("s") ? String(animal.dropLast()) : animal
    }

    private static let animalWords: Set<String> = [
        "dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "kittens", "horse", "horses",
        "pony", "ponies", "pet", "pets", "rabbit", "rabbits", "hamster", "hamsters",
    ]
    /// Dogs named by breed; "lab" only after an age ("my 9 year old lab"), as "my lab results"
    /// are a blood test.
    private static let breedsNamedWithAnAge: Set<String> = [
        "lab", "labrador", "retriever", "spaniel", "terrier", "collie", "greyhound", "whippet",
        "dachshund", "poodle", "beagle", "staffie", "husky", "alsatian", "shepherd", "mare",
        "gelding", "tabby",
    ]
    /// What only an animal has or needs: "my lab is stiff ... his paws ... the vet" names a dog
    /// by its breed without its age.
    private static let animalCareWords: Set<String> = [
        "vet", "vets", "paw", "paws", "kibble", "walkies", "fur", "breed",
    ]
    private static let forWords: Set<String> = ["for", "to"]
    /// Words that hand something to whoever follows: "give my dog", not "take my dog for a walk".
    private static let handingWords: Set<String> = ["give", "giving", "gave", "feed", "feeding"]
    private static let ownerWords: Set<String> = [
        "my", "our", "your", "the", "a", "his", "her", "their",
    ]
    private static let givingWords: Set<String> = [
        "give", "giving", "take", "takes", "taking", "have", "safe", "ok", "okay", "dose", "dosage",
        "feed", "need", "needs",
    ]
}
