import Testing

@testable import MagnesiumKit

/// ``AnswerPlaces`` must give exactly what `Graph.answerIndex` gives: ranking reads places from it
/// to break ties and to find each answer's topics.
@Suite struct AnswerPlacesTests {
    @Test func everyIdFindsItsPlaceAndNothingElseIsFound() {
        let ids = (0..<500).map { "answer-\($0)-of-a-longer-name" } + ["a", "", "short"]
        let places = AnswerPlaces(ids)
        for (place, id) in ids.enumerated() { #expect(places.place(of: id) == place) }
        #expect(places.place(of: "answer-500-of-a-longer-name") == nil)
        #expect(places.place(of: "b") == nil)
    }

    @Test func aRepeatedIdTakesTheLaterPlaceAsADictionaryWould() {
        let places = AnswerPlaces(["x", "y", "x"])
        #expect(places.place(of: "x") == 2)
        #expect(places.place(of: "y") == 1)
    }
}
