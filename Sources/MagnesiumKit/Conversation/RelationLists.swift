import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// The lists an intent answers with from the graph's relations: interactions, timing with a
/// medicine, foods, causes and remedies, forms.
extension Session {
    /// Adds the relation list the intent answers with, leaving out an edge already `shown` as the
    /// direct answer.
    func addRelations(
        for intent: String, subjects: [String], person: Person, shown: [Relation] = [],
        into builder: inout AnswerBuilder
    ) {
        // Worked out only for the intents that list relations: most answers need neither.
        var lineage: [String] { subjects.flatMap { selector.lineage($0) } }
        switch intent {
        case "interactions":
            addInteractions(
                of: lineage, subjects: subjects, person: person, shown: shown, into: &builder)
        case "timing", "dose": addTiming(for: person, into: &builder)
        case "food-sources": addFoods(subjects, into: &builder)
        case "causes": addList(selector.relations(of: lineage, .causedBy), into: &builder)
        case "prevention": addList(selector.relations(of: lineage, .preventedBy), into: &builder)
        case "relief": addList(selector.relations(of: lineage, .relievedBy), into: &builder)
        case "warning-signs":
            addList(selector.relations(of: lineage, .hasWarningSign), into: &builder)
        case "kinds": addForms(of: subjects, into: &builder)
        default: break
        }
    }

    private func addList(
        _ relations: [Relation], limit: Int = 8, into builder: inout AnswerBuilder
    ) {
        builder.add(
            items: relations.prefix(limit).map {
                builder.item(selector.describe($0), sources: $0.sourceIDs)
            })
    }

    /// What interacts with the subjects, or with the medicines named or taken when there are any.
    private func addInteractions(
        of lineage: [String], subjects: [String], person: Person, shown: [Relation],
        into builder: inout AnswerBuilder
    ) {
        // An edge already given as the direct answer is not listed again.
        func alreadyShown(_ relation: Relation) -> Bool {
            shown.contains {
                ($0.from == relation.from && $0.to == relation.to)
                    || ($0.to == relation.from && $0.from == relation.to)
            }
        }
        var relations = selector.relations(of: lineage, .interactsWith).filter {
            !alreadyShown($0)
        }
        var named: [String] = []
        for id in subjects + person.audience
        where graph.kind(ofTopic: id) == "medicine" && !named.contains(id) { named.append(id) }
        if !named.isEmpty {
            let direct = selector.relations(of: named, .interactsWith).filter {
                !alreadyShown($0)
            }
            relations = direct.isEmpty ? relations.filter { named.contains($0.to) } : direct
        }
        // Name each item by the medicine, whichever end of the edge it sits on.
        let items = relations.prefix(10).map { relation -> String in
            var shown = relation
            if graph.kind(ofTopic: relation.to) != "medicine",
                graph.kind(ofTopic: relation.from) == "medicine"
            {
                shown.to = relation.from
            }
            return builder.item(selector.describe(shown), sources: relation.sourceIDs)
        }
        builder.add(items: items)
    }

    /// How to time magnesium around each medicine the person takes.
    private func addTiming(for person: Person, into builder: inout AnswerBuilder) {
        let medicines = person.audience.filter { graph.kind(ofTopic: $0) == "medicine" }
        for medicine in medicines {
            for relation in selector.relations(of: [medicine], .interactsWith)
            where relation.timing != nil {
                builder.add(
                    "Because you take \(selector.name(medicine)): "
                        + selector.sentence(relation.timing!) + " "
                        + builder.cite(relation.sourceIDs))
            }
        }
    }

    /// What the named foods contain, or with none named, the foods richest in magnesium.
    private func addFoods(_ subjects: [String], into builder: inout AnswerBuilder) {
        let foods = subjects.filter { graph.kind(ofTopic: $0) == "food" }
        if !foods.isEmpty {
            let items = selector.relations(of: foods, .contains).map { relation -> String in
                var shown = relation
                shown.to = relation.from
                return builder.item(selector.describe(shown), sources: relation.sourceIDs)
            }
            builder.add(items: items)
        } else {
            let all = selector.relations(of: [ReservedID.magnesium], .foundIn).sorted {
                ($0.milligrams ?? 0) > ($1.milligrams ?? 0)
            }
            addList(all, limit: 8, into: &builder)
        }
    }

    /// The forms of the subjects, each with its share of magnesium, so the list already compares
    /// them.
    private func addForms(of subjects: [String], into builder: inout AnswerBuilder) {
        let items = selector.relations(of: subjects, .hasForm).prefix(16).map {
            relation -> String in
            guard let share = graph.property("elemental-share", ofTopic: relation.to) else {
                return builder.item(selector.describe(relation), sources: relation.sourceIDs)
            }
            return builder.item(
                capitalized(selector.name(relation.to)) + " (elemental magnesium: "
                    + share.value + ").", sources: share.sourceIDs)
        }
        builder.add(items: items)
    }
}
