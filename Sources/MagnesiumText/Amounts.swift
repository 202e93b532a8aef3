import Foundation

/// An amount of a substance named in a question ("700mg", "0.5 g", "1e3 mg", "400 µg"), in
/// milligrams.
///
/// Amounts no one can take (below zero, more than a kilogram, too large to count) are kept, not
/// dropped or turned into another number, so a reply can name them and refuse them.
public struct Amount: Sendable, Equatable {
    /// The amount in milligrams; may be negative, absurdly large or infinite.
    public var milligrams: Double
    /// The amount as the reply should name it: the number read, then its unit as typed ("350 kg",
    /// "-700 mg").
    public var written: String
    /// Where the number is among the words read.
    public var wordIndex = 0

    /// Below zero: not an amount at all.
    public var isNegative: Bool { milligrams < 0 }
    /// More than anyone could take in a day (or too large to count).
    public var isAbsurd: Bool { !milligrams.isFinite || milligrams > Amounts.largestMilligrams }
    /// An amount that can be checked against limits.
    public var isUsable: Bool { !isNegative && !isAbsurd }
}

/// Reads numbers and amounts as people write them.
///
/// The normaliser keeps a number whole ("1e3", "2,000", "1.000", "10^6", "-5") and gives its value
/// as plain digits ("1000", "-5"); amounts in micrograms are given in milligrams ("400 µg" → "0.4
/// mg"). `read(_:)` converts grams too. Kilograms are left as typed: "I weigh 70 kg" is a body
/// weight, not a dose; `read(_:)` reads them as a dose only where no weight is meant.
public enum Amounts {
    /// No one takes more than a kilogram a day: larger amounts are named and refused, not checked.
    public static let largestMilligrams = 1_000_000.0

    /// Units of mass the normaliser turns into milligrams, and their factor.
    static let milligramUnits: [String: Double] = [
        "mg": 1, "mgs": 1, "milligram": 1, "milligrams": 1, "milligramme": 1, "milligrammes": 1,
        "g": 1000, "gs": 1000, "gm": 1000, "gms": 1000, "gram": 1000, "grams": 1000, "gramme": 1000,
        "grammes": 1000,
        "mcg": 0.001, "mcgs": 0.001, "ug": 0.001, "\u{3BC}g": 0.001, "\u{B5}g": 0.001,
        "microgram": 0.001, "micrograms": 0.001,
        "microgramme": 0.001, "microgrammes": 0.001,
    ]
    /// Whether a word is a unit of mass the normaliser reads as milligrams ("mg", "g", "mcg").
    public static func isMassUnit(_ word: String) -> Bool { milligramUnits[word] != nil }

    /// Kilograms: a dose only when no body weight is meant.
    static let kilogramUnits: Set<String> = [
        "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes",
    ]
    /// Words that say a number of kilograms is someone's weight.
    private static let weightWords: Set<String> = [
        "weigh", "weighs", "weight", "weighing", "weighed", "im", "hes", "shes", "body",
        "bodyweight", "heavier", "lighter", "heavy",
    ]
    /// "My wife who is like 55kg": a number of kilograms someone is (not "is 350 kg too much?",
    /// where the verb opens the question).
    private static let beingWords: Set<String> = ["is", "was", "are", "s"]
    private static let bodyWeights = 20.0...300.0
    private static let personWords: Set<String> = [
        "man", "woman", "person", "adult", "guy", "lady", "male", "female", "athlete", "men",
        "women", "people", "adults",
    ]

    // MARK: - Numbers as written

    /// Reads the number starting at `start` (an ASCII digit) in `s` (scalar values).
    /// Returns its text for the normaliser and the index after it.
    ///
    /// Thousands separators ("2,000", European "1.000") are dropped; a European decimal comma
    /// ("1,5") becomes a point; an exponent ("1e3", "2E-3") or a power ("10^6") is worked out.
    /// A number written plainly keeps its digits as typed; one worked out is written as plain
    /// digits ("1000"), in exponent form when huge ("1e308"), or as typed when too large to
    /// represent ("1e309" reads back as infinity).
    static func scanNumber<C: RandomAccessCollection>(_ s: C, from start: Int) -> (
        text: String, end: Int
    )
    where C.Index == Int, C.Element: BinaryInteger {
        let end = s.endIndex
        func at(_ i: Int) -> UInt32 { i < end ? UInt32(truncatingIfNeeded: s[i]) : 0 }
        func isDigit(_ i: Int) -> Bool { i < end && (0x30...0x39).contains(at(i)) }
        func digitsRun(_ i: Int) -> Int {
            var j = i
            while isDigit(j) { j += 1 }
            return j - i
        }
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: (from..<to).map { UInt8(truncatingIfNeeded: at($0)) }, as: UTF8.self)
        }

        var i = start
        let intEnd = start + digitsRun(start)
        var integer = text(start, intEnd)
        i = intEnd
        var worked = false
        // Thousands groups: exactly three digits after each separator, the same separator each
        // time.
        var groupSeparator: UInt32?
        while at(i) == 0x2C || at(i) == 0x2E, digitsRun(i + 1) == 3 {
            let separator = at(i)
            if let groupSeparator, groupSeparator != separator { break }
            if groupSeparator == nil {
                // "0.500" is a decimal; "1234.567" too. A point groups only after 1 to 3 digits not
                // starting with 0.
                if separator == 0x2E && (integer.count > 3 || integer.hasPrefix("0")) { break }
            }
            groupSeparator = separator
            integer += text(i + 1, i + 4)
            i += 4
        }
        var fraction = ""
        if at(i) == 0x2E, groupSeparator != 0x2E, isDigit(i + 1) {
            let run = digitsRun(i + 1)
            fraction = text(i + 1, i + 1 + run)
            i += 1 + run
        } else if at(i) == 0x2C, groupSeparator != 0x2C, (1...2).contains(digitsRun(i + 1)),
            start == s.startIndex || at(start - 1) != 0x2C,
            !(at(i + 1 + digitsRun(i + 1)) == 0x2C && isDigit(i + 2 + digitsRun(i + 1)))
        {
            // "1,5 g": a European decimal comma ("1,2,3" is a list and stays apart).
            let run = digitsRun(i + 1)
            fraction = text(i + 1, i + 1 + run)
            i += 1 + run
            worked = true
        }
        if groupSeparator != nil { worked = true }
        let mantissa = fraction.isEmpty ? integer : integer + "." + fraction
        // An exponent: "1e3", "2E-3", "1e+6"; a power: "10^6".
        var exponentText: String?
        var isPower = false
        if at(i) == 0x65 || at(i) == 0x45 {
            var j = i + 1
            var sign = ""
            if at(j) == 0x2B || at(j) == 0x2D {
                sign = at(j) == 0x2D ? "-" : ""
                j += 1
            }
            let run = digitsRun(j)
            // "1e3" but not "2eggs"; a letter right after the exponent's digits is a unit
            // ("2e3mg").
            if run > 0 {
                exponentText = sign + text(j, j + run)
                i = j + run
            }
        } else if at(i) == 0x5E, digitsRun(i + 1) > 0 {
            let run = digitsRun(i + 1)
            exponentText = text(i + 1, i + 1 + run)
            isPower = true
            i += 1 + run
        }
        guard let exponentText else {
            if !worked { return (mantissa, i) }
            return (plain(Double(mantissa) ?? 0, written: mantissa), i)
        }
        // Exponents longer than five digits are all the same to anyone: far too large or far too
        // small.
        let negative = exponentText.hasPrefix("-")
        let digits = exponentText.drop(while: { $0 == "-" }).drop(while: { $0 == "0" })
        let exponent = digits.count > 5 ? 99_999 : Int(digits) ?? 0
        let value: Double
        if isPower {
            value = Foundation.pow(Double(mantissa) ?? 0, Double(exponent))
        } else {
            value = Double(mantissa + "e" + (negative ? "-" : "") + String(exponent)) ?? 0
        }
        let written = isPower ? mantissa + "^" + exponentText : mantissa + "e" + exponentText
        return (plain(value, written: written), i)
    }

    /// A value as plain text that `Double(_:)` reads back: digits, or exponent form when huge or
    /// tiny.
    static func plain(_ value: Double, written: String) -> String {
        // Too large to represent: keep what was typed when it reads back as infinity, so it is
        // named as typed.
        if !value.isFinite { return written.contains("^") ? "1e999" : written }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description.replacingOccurrences(of: "e+", with: "e")
    }

    /// A word the normaliser made of a number: digits first, or a sign and digits.
    static func isNumber(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if first == UInt8(ascii: "-") {
            return text.utf8.dropFirst().first.map { (0x30...0x39).contains($0) } ?? false
        }
        // An ASCII byte that no combining mark follows is a whole character, and among ASCII
        // characters only digits are numbers: reading the character (grapheme breaking, Unicode
        // properties) cost more than the rest of a token.
        if first < 0x80 {
            var bytes = text.utf8.makeIterator()
            _ = bytes.next()
            if bytes.next().map({ $0 < 0x80 }) ?? true { return (0x30...0x39).contains(first) }
        }
        return text.first?.isNumber == true
    }

    /// Rewrites micrograms as milligrams ("400 µg", "400 mcg" → "0.4 mg"), in place, so "400 mcg"
    /// is never matched as the "400 mg" it resembles. Grams stay as typed: "3 g of glycine" is how
    /// the knowledge speaks of glycine, and `read(_:)` converts them.
    static func inMilligrams(_ words: inout [String]) {
        var index = 0
        while index + 1 < words.count {
            defer { index += 1 }
            guard let factor = milligramUnits[words[index + 1]], factor < 1, isNumber(words[index]),
                let value = Double(words[index])
            else { continue }
            words[index] = plain(value * factor, written: words[index])
            words[index + 1] = "mg"
        }
    }

    // MARK: - Amounts in a question

    /// The amounts named in the words of a question, in order, in milligrams.
    /// Expects normalised tokens (numbers whole, micrograms already in milligrams).
    public static func read(_ tokens: [Token]) -> [Amount] {
        read(words: tokens.map(\.text))
    }

    /// The same, on plain words.
    public static func read(words: [String]) -> [Amount] {
        var found: [Amount] = []
        // "I weigh 95kg, do I need more than my wife, 55kg?": once one number of kilograms is a
        // weight, so are the others.
        var kilogramsAreWeights = false
        for index in words.indices where index + 1 < words.count && isNumber(words[index]) {
            guard let value = Double(words[index]), !value.isNaN else { continue }
            let unit = words[index + 1]
            // A number too large to represent is named as it was typed ("1e309").
            let number = value.isFinite ? shown(value) : words[index]
            if let factor = milligramUnits[unit] {
                // "2 x 200mg" (read as "twice 200 mg"), "3 x 100 mg": the amount of all of them
                // together.
                let count = timesBefore(index, in: words)
                let total = count.map { value * Double($0) } ?? value
                found.append(
                    Amount(
                        milligrams: total * factor,
                        written: (count == nil ? number : shown(total)) + " "
                            + (factor == 1 ? "mg" : unit), wordIndex: index))
            } else if bareMilligrams.contains(value),
                bareDailyWords.contains(where: {
                    words[(index + 1)...].starts(with: $0)
                })
            {
                // "Is 300 a day ok?": no one takes 300 tablets a day, and the milligrams go unsaid.
                found.append(Amount(milligrams: value, written: number + " mg", wordIndex: index))
            } else if kilogramUnits.contains(unit) {
                // "I weigh 70 kg", "I'm 70 kg", "my body weight is 70 kg": a weight, not an amount
                // taken.
                let before = words[max(0, index - 4)..<index]
                let someoneIs = before.indices.contains { $0 > 0 && beingWords.contains(words[$0]) }
                // "For a 90kg man"; and no one takes 20 to 300 kg of anything in a day, while
                // people weigh that: "im 6ft4 and 110kg, is 400mg ok?"
                let someoneOfThatWeight =
                    index + 2 < words.count && personWords.contains(words[index + 2])
                    || bodyWeights.contains(value)
                if kilogramsAreWeights || before.contains(where: weightWords.contains)
                    || before.suffix(2) == ["i", "am"] || someoneIs || someoneOfThatWeight
                {
                    kilogramsAreWeights = true
                    found.removeAll { amount in
                        kilogramUnits.contains(words[amount.wordIndex + 1])
                    }
                    continue
                }
                found.append(
                    Amount(
                        milligrams: value * 1_000_000, written: number + " " + unit,
                        wordIndex: index))
            }
        }
        return found
    }

    /// A number as a reply shows it: "700", "2,000", "0.4", "1e308".
    public static func shown(_ value: Double) -> String {
        if !value.isFinite { return value < 0 ? "minus infinity" : "a number too large to count" }
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int64(abs(value)))
            var grouped = ""
            for (offset, digit) in digits.enumerated() {
                if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        if abs(value) >= 1e15 || abs(value) < 0.0001 {
            return value.description.replacingOccurrences(of: "e+", with: "e")
        }
        // At most four decimals, without trailing zeros.
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// "3 x" or "twice" just before the amount at `index`: how many of it.
    private static func timesBefore(_ index: Int, in words: [String]) -> Int? {
        if index >= 1, words[index - 1] == "twice" { return 2 }
        guard index >= 2, ["x", "times"].contains(words[index - 1]),
            let count = Int(words[index - 2]), (2...10).contains(count)
        else { return nil }
        return count
    }

    /// A number said per day with no unit that can only be milligrams of a supplement.
    private static let bareMilligrams: ClosedRange<Double> = 50...5000
    private static let bareDailyWords = [
        ["a", "day"], ["per", "day"], ["daily"], ["each", "day"],
    ]

    // MARK: - Ages

    private static let yearWords: Set<String> = ["year", "years", "yr", "yrs"]
    private static let unitWords: Set<String> = [
        "mg", "g", "kg", "mcg", "ml", "mmol", "percent", "tablets", "tablet", "capsules", "capsule",
        "pills", "times", "hours", "hour", "minutes", "days", "weeks", "months", "am", "pm", "oz",
        "cup", "cups", "lbs", "lb", "pounds", "stone", "cm", "kilos",
    ]

    /// An age that cannot be one, as written, where a line states an age: "I am -5 years old",
    /// "I'm 200", "aged 1e3". Ages the profile can keep (0 to 120) give nil.
    public static func impossibleAge(in words: [String]) -> String? {
        for (index, word) in words.enumerated() where isNumber(word) {
            guard let value = Double(word) else { continue }
            if value >= 0 && value <= 120 { continue }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let afterNext = index + 2 < words.count ? words[index + 2] : ""
            let previous = index > 0 ? words[index - 1] : ""
            let before = words[max(0, index - 2)..<index]
            if unitWords.contains(next) { continue }
            let yearsOld = yearWords.contains(next) && afterNext == "old"
            let iAm = before.elementsEqual(["i", "am"]) || previous == "im"
            if yearsOld || next == "yo" || iAm || previous == "aged" || previous == "age" {
                return value.isFinite ? shown(value) : word
            }
        }
        return nil
    }
}
