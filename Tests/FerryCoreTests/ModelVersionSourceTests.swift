import Testing

@testable import FerryCore

@Suite struct ModelVersionSourceTests {
    let runRoot = "mlflow-artifacts:/1/0123456789abcdef0123456789abcdef/artifacts"

    @Test func parsesRunAndModelURIs() throws {
        #expect(try ModelVersionSource.parse("runs:/abc/model/sub") == .run(id: "abc", path: "model/sub"))
        #expect(try ModelVersionSource.parse("runs:/abc") == .run(id: "abc", path: ""))
        #expect(try ModelVersionSource.parse("models:/m-123") == .loggedModel(id: "m-123"))
        #expect(try ModelVersionSource.parse("models:/churn/3") == .registeredVersion(name: "churn", reference: .version(3)))
        #expect(try ModelVersionSource.parse("models:/churn@champion") == .registeredVersion(name: "churn", reference: .alias("champion")))
    }

    @Test(arguments: [
        "/etc/../etc", "../../etc", "\\..\\..\\etc", "mlflow-artifacts:/1/run/artifacts/%2e%2e/%2e%2e/etc",
        "mlflow-artifacts:/1/run/artifacts/%252e%252e%252fetc", "mlflow-artifacts:/1/run/artifacts/model%00",
        "http://host/x?../../etc", "http://host/x#frag", "runs://host/abc/model", "models://host/m-1", "models:/churn/latest",
        "models:/a/b/c", "runs:/",
    ])
    func refusesHiddenTraversalAndMalformedURIs(source: String) {
        #expect(throws: FerryError.self) { try ModelVersionSource.parse(source) }
    }

    @Test func confinesLocationsToTheRunsArtifacts() throws {
        let inside = try ModelVersionSource.parse(runRoot + "/model")
        try inside.checkConfined("s", runID: "r", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil)
        try ModelVersionSource.parse(runRoot).checkConfined("s", runID: "r", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil)
        for outside in ["/etc", "file:///etc/", "//proc/self/root/etc", "mlflow-artifacts:/1/other/artifacts/model",
                        "mlflow-artifacts://evil/1/0123456789abcdef0123456789abcdef/artifacts/model", "s3://bucket/x"] {
            let parsed = try ModelVersionSource.parse(outside)
            #expect(throws: FerryError.self) {
                try parsed.checkConfined(outside, runID: "r", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil)
            }
            #expect(throws: FerryError.self) {
                try parsed.checkConfined(outside, runID: nil, runArtifactURI: nil, modelID: nil, modelArtifactLocation: nil)
            }
        }
    }

    @Test func runsAndModelsURIsMustNameTheRequestsOwner() throws {
        let run = try ModelVersionSource.parse("runs:/r1/model")
        try run.checkConfined("s", runID: "r1", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil)
        #expect(throws: FerryError.self) { try run.checkConfined("s", runID: "r2", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil) }
        #expect(throws: FerryError.self) { try run.checkConfined("s", runID: nil, runArtifactURI: nil, modelID: nil, modelArtifactLocation: nil) }
        #expect(throws: FerryError.self) { try run.checkConfined("s", runID: "r1", runArtifactURI: runRoot, modelID: "m-1", modelArtifactLocation: runRoot) }
        let model = try ModelVersionSource.parse("models:/m-1")
        try model.checkConfined("s", runID: nil, runArtifactURI: nil, modelID: "m-1", modelArtifactLocation: runRoot)
        #expect(throws: FerryError.self) { try model.checkConfined("s", runID: nil, runArtifactURI: nil, modelID: "m-2", modelArtifactLocation: runRoot) }
        #expect(throws: FerryError.self) { try model.checkConfined("s", runID: "r1", runArtifactURI: runRoot, modelID: nil, modelArtifactLocation: nil) }
    }

    @Test func storageLocationsCompareDecodedSegments() {
        let root = StorageLocation("mlflow-artifacts:/1/run/artifacts")
        #expect(StorageLocation("MLFLOW-ARTIFACTS:/1//run/artifacts/%6Dodel").isInside(root))
        #expect(!StorageLocation("mlflow-artifacts:/1/run/artifactsX").isInside(root))
        #expect(!StorageLocation("mlflow-artifacts:/anything").isInside(StorageLocation("mlflow-artifacts:/")))
        #expect(StorageLocation("C:/models").scheme == "")
    }
}
