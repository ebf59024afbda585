import FerryCore
import HTTPTypes
import Hummingbird
import NIOCore
import Foundation

/// A request as API handlers see it: its parsed fields and the parts of its path the route captured.
struct APIRequest: Sendable {
    let request: Request
    let fields: RequestFields
    /// Values of `{…}` segments of the matched route, in order.
    let pathParameters: [String]
}

/// Produces the JSON body of a successful response.
typealias JSONHandler = @Sendable (APIRequest) async throws -> JSONOutput

/// One MLflow REST route: a method, a path under the API prefixes with `{…}` placeholders, and its handler.
struct APIRoute: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let handler: JSONHandler

    init(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping JSONHandler) {
        self.method = method
        self.path = path
        self.handler = handler
    }

    /// The segments of the path, `nil` standing for a placeholder.
    var pattern: [String?] {
        path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
    }
}

/// Looks routes up by method and path: exact paths by dictionary, patterned ones by segment match.
struct APIRouteTable: Sendable {
    private var exact: [String: JSONHandler] = [:]
    private var patterned: [(method: HTTPRequest.Method, pattern: [String?], handler: JSONHandler)] = []
    private(set) var knownPaths: Set<String> = []

    init(_ routes: [APIRoute]) {
        for route in routes {
            knownPaths.insert(route.path)
            if route.path.contains("{") {
                patterned.append((route.method, route.pattern, route.handler))
            } else {
                exact["\(route.method.rawValue) \(route.path)"] = route.handler
            }
        }
    }

    /// The handler and captured parameters for `method` on `path` (relative to the API prefix).
    func match(_ method: HTTPRequest.Method, _ path: String) -> (JSONHandler, [String])? {
        if let handler = exact["\(method.rawValue) \(path)"] { return (handler, []) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for route in patterned where route.method == method && route.pattern.count == segments.count {
            var parameters: [String] = []
            var matched = true
            for (expected, actual) in zip(route.pattern, segments) {
                if let expected {
                    if expected != actual { matched = false; break }
                } else {
                    guard !actual.isEmpty else { matched = false; break }
                    parameters.append(actual.removingPercentEncoding ?? actual)
                }
            }
            if matched { return (route.handler, parameters) }
        }
        return nil
    }

    /// The methods that serve `path`, to tell 405 from 404.
    func allowedMethods(_ path: String) -> [HTTPRequest.Method] {
        [.get, .post, .put, .patch, .delete].filter { match($0, path) != nil }
    }
}
