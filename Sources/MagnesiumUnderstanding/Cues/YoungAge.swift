import MagnesiumKnowledge
import MagnesiumText

/// A young child's age said in months, weeks or days ("3 month old", "my 6 week old baby",
/// "18mo son"), which a duration ("for 3 months") is not: "old" or a child follows the unit.
public struct YoungAge: Equatable, Sendable {
    /// Whole years: a baby under one is 0.
    public var years: Int
    /// The age as said: "3 months", "1 week".
    public var spoken: String

    private static let units: [String: (perYear: Int, one: String, several: String)] = [
        "month": (12, "month", "months"), "months": (12, "month", "months"),
        "mo": (12, "month", "months"),
        "mos": (12, "month", "months"), "mth": (12, "month", "months"),
        "mths": (12, "month", "months"),
        "week": (52, "week", "weeks"), "weeks": (52, "week", "weeks"), "wk": (52, "week", "weeks"),
        "wks": (52, "week", "weeks"),
        "day": (365, "day", "days"), "days": (365, "day", "days"),
    ]
    /// Words after the unit that make it an age.
    private static let childWords: Set<String> = [
        "old", "baby", "babies", "infant", "newborn", "son", "daughter", "child", "kid", "boy",
        "girl", "toddler",
        "grandson", "granddaughter", "twins",
    ]
    /// Words that say a child is under one year old.
    public static let babyWords: Set<String> = [
        "baby", "babies", "infant", "infants", "newborn", "newborns",
    ]
    /// The word a young age reads as when answers are matched: what people call a child that age.
    public static let readAs = "baby"

    /// The age said at `index` (the number), if the words there say one.
    public static func at(_ index: Int, in words: [String]) -> YoungAge? {
        guard words.indices.contains(index), let value = Int(words[index]), index + 1 < words.count,
            let unit = units[words[index + 1]], index + 2 < words.count,
            childWords.contains(words[index + 2])
        else { return nil }
        guard value / unit.perYear <= 18 else { return nil }
        return YoungAge(
            years: value / unit.perYear, spoken: "\(value) \(value == 1 ? unit.one : unit.several)")
    }

    /// False when no word can be the number of an age (`Int` reads only a sign or a digit
    /// first): then there is none, and nothing to read as "baby".
    public static func mayBeSaid(in tokens: [Token]) -> Bool {
        tokens.contains { token in
            guard let first = token.text.utf8.first else { return false }
            return (0x30...0x39).contains(first) || first == UInt8(ascii: "+")
                || first == UInt8(ascii: "-")
        }
    }

    /// The first young age said in the words.
    public static func first(in words: [String]) -> YoungAge? {
        words.indices.lazy.compactMap { at($0, in: words) }.first
    }

    /// The words with the ages said in weeks or months read for matching: a young age under two
    /// years as "baby" ("my 3 month old" reads as "my baby old"), so answers written about babies
    /// are found for it, and how far along a pregnancy is as its stage (``PregnancyStage``: "30
    /// weeks pregnant" reads as "later pregnant").
    public static func readingAges(_ tokens: ArraySlice<Token>) -> [Token] {
        let words = tokens.map(\.text)
        var result: [Token] = []
        var index = 0
        while index < words.count {
            if let age = at(index, in: words), age.years < 2 {
                result.append(Token(text: readAs))
                index += 2
            } else if let stage = PregnancyStage.at(index, in: words) {
                result.append(Token(text: stage))
                index += 2
            } else {
                result.append(tokens[tokens.startIndex + index])
                index += 1
            }
        }
        return result
    }
}
