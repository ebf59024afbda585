import FerryClient
import Testing

/// `NAME`, `NAME/VERSION` and `NAME@ALIAS` on the command line.
@Suite struct ModelReferenceTests {
    @Test func readsTheThreeForms() {
        #expect(ModelReference(parsing: "churn") == .model(name: "churn"))
        #expect(ModelReference(parsing: "churn/3") == .version(name: "churn", version: "3"))
        #expect(ModelReference(parsing: "churn/03") == .version(name: "churn", version: "3"))
        #expect(ModelReference(parsing: "churn@champion") == .alias(name: "churn", alias: "champion"))
        #expect(ModelReference(parsing: "team@corp@champion") == .alias(name: "team@corp", alias: "champion"))
        #expect(ModelReference(parsing: "churn@champion")?.description == "churn@champion")
        #expect(ModelReference(parsing: "churn/3")?.name == "churn")
    }

    @Test(arguments: ["", "/3", "churn/", "churn/x", "churn/0", "churn/-1", "churn/3/4", "@champion", "churn@"])
    func refusesMalformedReferences(text: String) {
        #expect(ModelReference(parsing: text) == nil)
    }
}
