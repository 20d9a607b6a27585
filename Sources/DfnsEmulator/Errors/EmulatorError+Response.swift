import DfnsAPI
import Foundation
import HTTPTypes
import Hummingbird

extension EmulatorError: HTTPResponseError {
    /// The HTTP status of the error.
    var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    /// The response that carries the error envelope.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    /// The response that carries the error envelope, without a request.
    func makeResponse() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(envelope)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in self.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
