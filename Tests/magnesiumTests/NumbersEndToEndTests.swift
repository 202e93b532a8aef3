import Foundation
import Testing

/// Amounts and ages read as written, through the built binary (review M6): the reply's first
/// sentence for each line, one conversation per line.
@Suite struct NumbersEndToEndTests {
    @Test func amountsAreReadAsWritten() throws {
        let expected: [(String, String)] = [
            (
                "is 1e3 mg too much?",
                "Read as elemental magnesium, 1,000 mg a day is above the adult upper limits"
            ),
            (
                "is 2e3mg too much?",
                "Read as elemental magnesium, 2,000 mg a day is above the adult upper limits"
            ),
            (
                "is 1.000 mg too much?",
                "Read as elemental magnesium, 1,000 mg a day is above the adult upper limits"
            ),
            (
                "is 10^6 mg too much?",
                "Read as elemental magnesium, 1,000,000 mg a day is above the adult upper limits"
            ),
            (
                "is 1e308 mg too much?",
                "1e308 mg a day is not an amount anyone could take: it is far above the adult upper limits"
            ),
            ("is -700 mg too much?", "-700 mg is not an amount anyone can take"),
            (
                "is 400 µg too much?",
                "Read as elemental magnesium, 0.4 mg a day is within the adult upper limits"
            ),
            ("is 350 kg too much?", "350 kg a day is not an amount anyone could take"),
        ]
        // One run, each question in a conversation of its own.
        let input = expected.map { $0.0 + "\n:reset\n" }.joined()
        let run = try BuiltBinary.run(
            ["--json"], input: input, environment: ["MAGNESIUM_CACHE": "off"])
        #expect(run.status == 0, "\(run.stderr)")
        let answers = try run.jsonObjects().filter {
            ($0["question"] as? String)?.hasPrefix(":") == false
        }
        try #require(answers.count == expected.count)
        for ((question, start), object) in zip(expected, answers) {
            let answer = object["answer"] as? String ?? ""
            #expect(answer.hasPrefix(start), "\(question) → \(answer)")
        }
    }

    @Test func aNegativeAgeIsNamed() throws {
        let run = try BuiltBinary.run(
            [], input: "I am -5 years old\n:profile\n", environment: ["MAGNESIUM_CACHE": "off"])
        #expect(run.stdout.contains("-5 is not an age I can use"))
        #expect(!run.stdout.contains("you are 5"))
    }
}
