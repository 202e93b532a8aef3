import MagnesiumTestSupport
import Testing

@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumUnderstanding

/// The red-flag reader's shortcuts: a message no rule can match is read without the full search,
/// and the full search (taken whenever a trace is asked for) must agree with it.
@Suite struct RedFlagFastPathTests {
    static let understander = Repository.knowledge.understander

    @Test(arguments: [
        "what is magnesium bisglycinate", "best foods for magnesium if im vegan pls",
        "no chest pain, just cramps", "I read that magnesium helps palpitations, is that true?",
        "my face is drooping", "I had chest pain last year but fine now",
        "does magnesium help with a racing heart?", "my son swallowed a whole bottle of magnesium",
        "chest day lol", "the ambulance is on its way", "not sure, I get cramps sometimes",
        "what if I can not breathe", "my 3 month old has a fever",
        "can't feel my legs and my chest hurts",
        "I am 45 and my calves cramp, how much should I take?",
    ])
    func shortcutAgreesWithTheFullReading(_ line: String) {
        let reader = RedFlagReader(tables: Self.understander.tables.redFlags)
        let understanding = Self.understander.understand(line)
        let quick = reader.read(tokens: understanding.tokens, breaks: understanding.breaks)
        let full = reader.read(
            tokens: understanding.tokens, breaks: understanding.breaks,
            explaining: .init(concepts: [], rules: [])
        ).reading
        #expect(quick == full)
    }

    /// Two messages are read together only when the symptoms each names alone could complete a
    /// rule: skipping the rest must never lose a rule that reading them together fires. Checked
    /// over the safety battery, each message after the person's situations and after a line of
    /// its own battery.
    @Test func readingTogetherIsSkippedOnlyWhenNothingCouldFire() {
        let lines = (SafetyBatteryTests.urgent + SafetyBatteryTests.nearMisses).map(\.text)
        #expect(lines.count > 700)
        let befores = [
            "i have pregnancy and kidney disease.", "i have heart rhythm problems.",
            "my calf hurts", "my 2 year old got into my vitamins",
        ].map(Self.understander.understand)
        var skipped = 0
        var firing = 0
        for line in lines {
            let understanding = Self.understander.understand(line)
            for before in befores {
                let together = Self.understander.redFlags(readingTogether: before, understanding)
                if !Self.understander.redFlagsMayFire(readingTogether: before, understanding) {
                    skipped += 1
                    #expect(together.fired.isEmpty, "\(before.tokens.map(\.text)) + \(line)")
                } else if !together.fired.isEmpty {
                    firing += 1
                }
            }
        }
        // Both branches are taken: the battery is all symptoms, yet a quarter of its pairs are
        // skipped, and most of the rest fire.
        #expect(skipped > 400 && firing > 1000, "\(skipped) skipped, \(firing) firing")
    }

    @Test func cuePositionsFollowAllCases() {
        for (position, cue) in RedFlagCue.allCases.enumerated() {
            #expect(cue.index == position)
        }
    }

    @Test func filtersNeverRuleOutAKey() {
        let tables = Self.understander.tables.redFlags
        let words = WordFilter(tables.byWord.keys, bytes: Int.max)
        for key in tables.byWord.keys { #expect(words.mayHold(key)) }
        let starts = WordFilter(tables.byPrefix.keys, bytes: WordFilter.prefixBytes)
        for key in tables.byPrefix.keys { #expect(starts.mayHold(key + "ing")) }
        let joiners = FilteredWordSet(["and", "but", "so"])
        #expect(joiners.contains("but") && !joiners.contains("butter"))
    }
}
