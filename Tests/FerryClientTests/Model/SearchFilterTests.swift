import FerryClient
import Testing

/// Filter literals that MLflow's parser reads back as the name.
@Suite struct SearchFilterTests {
    @Test func quotesNames() {
        #expect(SearchFilter.name(equals: "churn") == "name='churn'")
        #expect(SearchFilter.name(equals: "it's") == #"name="it's""#)
        #expect(SearchFilter.quoted(#"a'b"c"#) == #"'a\'b"c'"#)
    }
}
