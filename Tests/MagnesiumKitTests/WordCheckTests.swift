import Testing

@testable import MagnesiumKit

/// `AgeWords.number` rules most words out by their first byte and length; it must read every word
/// as the plain parse-then-look-up does.
@Suite struct AgeWordsTests {
    @Test func shortcutsReadEveryWordAsTheLookupDoes() {
        var words =
            AgeWords.spelledWords + [
                "", "0", "7", "72", "120", "+5", "-5", "-", "+", "5yo", "1st", "one", "two", "twos",
                "tw", "seventy", "seventies", "the", "take", "six-year-old", "é", "ten", "tenth",
                "9223372036854775807", "9223372036854775808", "forty-five", "sixtyish",
            ]
        words += words.map { $0.uppercased() } + words.map { $0 + "s" } + words.map { "x" + $0 }
        for word in words {
            #expect(AgeWords.number(word) == AgeWords.numberByLookup(word), "\(word)")
        }
    }
}

/// A `WordFilter` may only rule out words that are not in its list, whatever their bytes.
@Suite struct WordFilterTests {
    @Test func ruledOutWordsAreNeverInTheList() {
        let lists: [Set<String>] = [
            Session.relatives, Session.thirdPerson, Set(Session.relativeSex.keys), [],
            ["", "a", "K", "kelvin", "é", "semi;colon"],
        ]
        var words = lists.flatMap { $0 }
        words += words.map { $0 + "s" } + words.map { String($0.dropFirst()) }
        words += [
            "", "x", "the", "\u{212A}", "\u{212A}elvin", "semi\u{37E}colon", "e\u{301}", "É",
            "Son", "SON", "dad", "dads", String(repeating: "a", count: 70),
        ]
        for list in lists {
            let filtered = FilteredWords(list)
            for word in words {
                #expect(filtered.contains(word) == list.contains(word), "\(word.debugDescription)")
            }
        }
        let table = FilteredWordTable(Session.relativeSex)
        for word in words { #expect(table[word] == Session.relativeSex[word]) }
    }
}
