import Testing

@testable import MagnesiumText

/// Numbers and amounts read as written (review M6): exponents, thousands separators, powers,
/// signs and units are read whole; amounts no one can take are named, never read as another number.
@Suite struct AmountsTests {
    private func amounts(_ line: String) -> [Amount] { Amounts.read(words: Normalizer.words(line)) }

    @Test(arguments: [
        ("is 1e3 mg too much?", 1000.0), ("2e3mg", 2000), ("2,000 mg", 2000), ("1.000 mg", 1000),
        ("10^6 mg", 1_000_000), ("1,000,000 mg", 1_000_000), ("1.000.000 mg", 1_000_000),
        ("700mg", 700),
        ("0.5 g", 500), ("0,5 g", 500), ("400 mcg", 0.4), ("400 µg", 0.4), ("400 μg", 0.4),
        ("400 micrograms", 0.4),
        ("2 grams", 2000), ("300 milligrams", 300), ("0.300 mg", 0.3), ("1e-3 g", 1),
        ("2E3 mg", 2000),
        ("１，０００ mg", 1000),
    ])
    func readsAsWritten(_ line: String, milligrams: Double) throws {
        let found = try #require(amounts(line).first, "no amount in \(line)")
        #expect(found.milligrams == milligrams, "\(line)")
        #expect(found.isUsable)
    }

    @Test func negativeAmountsStayNegative() throws {
        let found = try #require(amounts("is -700 mg too much?").first)
        #expect(found.milligrams == -700)
        #expect(found.isNegative && !found.isUsable)
        #expect(found.written == "-700 mg")
        // The Unicode minus sign too; a range is not a negative amount.
        #expect(amounts("is \u{2212}700 mg ok").first?.milligrams == -700)
        #expect(amounts("200 -300 mg").map(\.milligrams) == [300])
        #expect(amounts("200-300 mg").map(\.milligrams) == [300])
    }

    @Test func absurdAmountsAreNamedAsWritten() throws {
        let huge = try #require(amounts("is 1e308 mg too much?").first)
        #expect(huge.isAbsurd && huge.written == "1e308 mg")
        let overflow = try #require(amounts("is 1e309 mg too much?").first)
        #expect(overflow.isAbsurd && overflow.written == "1e309 mg")
        let kilograms = try #require(amounts("is 350 kg too much?").first)
        #expect(kilograms.isAbsurd && kilograms.written == "350 kg")
        #expect(amounts("99999999999999999999999999999mg").first?.isAbsurd == true)
        #expect(amounts("10^400 mg").first?.isAbsurd == true)
    }

    @Test func bodyWeightIsNotADose() {
        #expect(amounts("I weigh 70 kg, how much should I take?").isEmpty)
        #expect(amounts("i'm 70 kg").isEmpty)
        #expect(amounts("my body weight is 70 kg").isEmpty)
        #expect(amounts("i weigh 95kg, do i need more than my wife who is like 55kg").isEmpty)
        #expect(amounts("my husband is 100 kg, is 400 mg ok").map(\.written) == ["400 mg"])
        #expect(amounts("how much magnesium for a 90kg man").isEmpty)
    }

    @Test func wordsAroundNumbersStayAsTheyWere() {
        #expect(Normalizer.words("2 eggs and 3e") == ["2", "eggs", "and", "3", "e"])
        #expect(Normalizer.words("b12 1,2,3") == ["b", "12", "1", "2", "3"])
        #expect(Normalizer.words("omega-3 and co-q10") == ["omega", "3", "and", "co", "q", "10"])
        #expect(Normalizer.words("0.3 g, 1,000 mg") == ["0.3", "g", "1000", "mg"])
        #expect(Normalizer.words("1.2.3") == ["1.2", "3"])
    }

    @Test func shownNumbers() {
        #expect(Amounts.shown(700) == "700")
        #expect(Amounts.shown(2000) == "2,000")
        #expect(Amounts.shown(1_000_000) == "1,000,000")
        #expect(Amounts.shown(0.4) == "0.4")
        #expect(Amounts.shown(-5) == "-5")
        #expect(Amounts.shown(1e308) == "1e308")
    }

    @Test func impossibleAges() {
        #expect(Amounts.impossibleAge(in: Normalizer.words("I am -5 years old")) == "-5")
        #expect(Amounts.impossibleAge(in: Normalizer.words("I'm 200")) == "200")
        #expect(Amounts.impossibleAge(in: Normalizer.words("a 1e3 year old")) == "1,000")
        #expect(Amounts.impossibleAge(in: Normalizer.words("I am 45 years old")) == nil)
        #expect(Amounts.impossibleAge(in: Normalizer.words("I take 500 mg")) == nil)
    }

}
