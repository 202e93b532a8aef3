/// "2 of them twice a day", "two 500 mg capsules three times a day", "4 a day": how many capsules
/// (or tablets, gummies, scoops) a line says are taken in a day, so an amount said per capsule is
/// checked as the day's total, not as one capsule's.
struct UnitsADay: Equatable {
    /// Units taken each time.
    var each: Int
    /// Times a day.
    var times: Int
    /// What the units are called, singular ("capsule"), as the line or the label named them.
    var unitWord: String

    var total: Int { each * times }

    /// How the reply says it: "2 capsules twice a day, 4 capsules a day".
    var said: String {
        switch times {
        case 1: return "\(Self.counted(each, unitWord)) a day"
        default:
            return
                "\(Self.counted(each, unitWord)) \(Self.often(times)), \(Self.counted(total, unitWord)) a day"
        }
    }

    /// "1 capsule", "3 gummies".
    static func counted(_ count: Int, _ unit: String) -> String {
        "\(count) \(count == 1 ? unit : plural(unit))"
    }

    /// "capsules", "gummies", "scoops".
    static func plural(_ unit: String) -> String {
        unit.hasSuffix("y") && !["ay", "ey", "oy"].contains(where: unit.hasSuffix)
            ? unit.dropLast() + "ies" : unit + "s"
    }

    /// How often, said: "twice a day", "3 times a day".
    static func often(_ times: Int) -> String {
        times == 2 ? "twice a day" : "\(times) times a day"
    }

    /// The units a day the words say, or nil when they give no count of units. A count is a number
    /// right before a unit word ("2 capsules", "two 500 mg capsules": an amount may stand
    /// between) or before "of them" or "a day"; how often comes from "twice", "N times", "once" or
    /// "morning and night".
    static func read(_ words: [String], unitWord known: String? = nil) -> UnitsADay? {
        // "The caps say take 1-2 a day but ... gonna take 6 tonight": the count the person takes
        // is read past the label's directions, which are read only when the line gives no other.
        var directions: (each: Int, unitWord: String)?
        var start = 0
        while let found = count(in: words, from: start, unitWord: known ?? "capsule") {
            guard isTheLabelsDirections(words, at: found.index) else {
                return UnitsADay(
                    each: found.each, times: timesADay(words), unitWord: found.unitWord)
            }
            directions = directions ?? (found.each, found.unitWord)
            start = found.index + 1
        }
        guard let directions else { return nil }
        return UnitsADay(
            each: directions.each, times: timesADay(words), unitWord: directions.unitWord)
    }

    /// Whether the count at `index` is what a label or leaflet says to take ("the caps say take
    /// 1-2 a day", "directions: 2 daily"), not what the person takes.
    private static func isTheLabelsDirections(_ words: [String], at index: Int) -> Bool {
        words[max(0, index - 4)..<index].contains(where: directionsWords.contains)
    }

    private static let directionsWords: Set<String> = [
        "says", "say", "said", "label", "directions", "recommended", "recommends", "suggested",
        "suggests", "instructions", "leaflet",
    ]

    /// "gonna take 6 tonight", "I'll have 4 now": a count right after taking, then when.
    private static let takenWhen: Set<String> = [
        "tonight", "today", "now", "tomorrow", "instead", "at", "in",
    ]

    /// The first count of units at or after `from`, with where it stands and what the units are
    /// called.
    private static func count(in words: [String], from: Int, unitWord: String)
        -> (each: Int, unitWord: String, index: Int)?
    {
        for index in words.indices.dropFirst(from) {
            guard let count = words[index] == "one" ? 1 : AgeWords.number(words[index]),
                (1...Self.mostUnits).contains(count)
            else { continue }
            // "how much am I getting if I take 2": a count ending the line, right after taking.
            let afterTaking = index > 0 && Self.takingWords.contains(words[index - 1])
            guard index + 1 < words.count else {
                return afterTaking ? (count, unitWord, index) : nil
            }
            if afterTaking, Self.takenWhen.contains(words[index + 1]) {
                return (count, unitWord, index)
            }
            var next = index + 1
            // "two 500 mg capsules": the amount each one holds may come between.
            if next + 2 < words.count, Double(words[next]) != nil,
                Self.massUnits.contains(words[next + 1])
            {
                next += 2
                while next < words.count - 1, Session.servingUnits[words[next]] == nil,
                    next - index <= 4
                {
                    next += 1
                }
            }
            if let unit = Session.servingUnits[words[next]] {
                return (count, unit, index)
            }
            let rest = words[next...]
            // "6 of the glycinate caps", "2 of my 500 mg tablets", "2 of my 1500mg magnesium
            // citrate tablets": the unit a few words on.
            if rest.count > 2, rest.first == "of", Self.determiners.contains(rest[next + 1]),
                let unit = rest.dropFirst(2).prefix(6).lazy.compactMap({
                    Session.servingUnits[$0]
                }).first
            {
                return (count, unit, index)
            }
            if rest.starts(with: ["of", "them"]) || rest.starts(with: ["of", "these"])
                || rest.starts(with: ["of", "those"]) || rest.starts(with: ["a", "day"])
                || rest.starts(with: ["per", "day"]) || rest.first == "daily"
            {
                return (count, unitWord, index)
            }
        }
        return nil
    }

    /// What "N times" must be followed by to say how often a day: "plays football 4 times a
    /// week", "been on the loo 5 times since 6am" and "sick three times today" count other things.
    private static let dayWords: Set<String> = ["day", "daily", "everyday"]

    /// "twice a day", "3 times a day", "morning and night": how often; 1 when the line says
    /// nothing of it.
    static func timesADay(_ words: [String]) -> Int {
        for index in words.indices {
            switch words[index] {
            case "twice": return 2
            case "once": return 1
            case "thrice": return 3
            case "times" where index > 0:
                let after = words[(index + 1)...].prefix(2)
                if let count = AgeWords.number(words[index - 1]), (1...12).contains(count),
                    after.contains(where: Self.dayWords.contains)
                {
                    return count
                }
            case "morning"
            where words[index...].prefix(4).contains {
                ["night", "evening", "bedtime"].contains($0)
            }:
                return 2
            default: break
            }
        }
        return 1
    }

    /// The most capsules (tablets, gummies) a day read as a count; a larger number is an amount
    /// or an age.
    static let mostUnits = 20

    private static let massUnits: Set<String> = ["mg", "g", "mcg"]
    private static let determiners: Set<String> = [
        "the", "my", "these", "those", "her", "his", "their", "our",
    ]
    private static let takingWords: Set<String> = [
        "take", "taking", "have", "having", "use", "took", "had",
    ]
}
