/// How far along a pregnancy is, said in weeks or months ("30 weeks pregnant", "6 wks pregnant",
/// "4 months pregnant"), read as "early" (the first trimester: up to 13 weeks, or 3 months) or
/// "later": answers written about early pregnancy are then found for "8 weeks pregnant", and no
/// longer for "30 weeks pregnant", which share every other word.
public enum PregnancyStage {
    /// The word the number and its unit read as, when the words at `index` say how far along a
    /// pregnancy is: a number, a unit of weeks or months, then "pregnant".
    public static func at(_ index: Int, in words: [String]) -> String? {
        guard index + 2 < words.count, words[index + 2] == "pregnant",
            let value = Int(words[index]), value > 0
        else { return nil }
        let weeks: Int
        switch words[index + 1] {
        case "week", "weeks", "wk", "wks": weeks = value
        case "month", "months", "mo", "mos", "mth", "mths": weeks = value * 13 / 3
        default: return nil
        }
        guard weeks <= lastWeek else { return nil }
        return weeks <= lastWeekOfFirstTrimester ? "early" : "later"
    }

    static let lastWeekOfFirstTrimester = 13
    /// Beyond this no one is still pregnant: the number says something else.
    static let lastWeek = 44
}
