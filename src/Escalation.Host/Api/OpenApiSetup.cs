using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Escalation.Host.Api;

/// <summary>The errors every API route may answer with, declared once for the OpenAPI document.</summary>
public static class OpenApiSetup
{
    public static void DeclareProblems(HttpChain chain)
    {
        var isCommand = chain.Method.Method.GetCustomAttribute<WolverinePostAttribute>() is not null;
        int[] statuses = isCommand
            ? [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
               StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge,
               StatusCodes.Status422UnprocessableEntity]
            : [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound];
        foreach (var status in statuses)
            chain.Metadata.ProducesProblem(status);
    }

    /// <summary>Every command names the two headers that say how to run it: the version acted on, and the retry's key.</summary>
    public static Task DeclareCommandHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.HttpMethod != "POST" || context.Description.RelativePath?.StartsWith("api/tickets", StringComparison.Ordinal) != true)
            return Task.CompletedTask;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ApiCommands.IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Description = "A key of the caller's choosing (per user, 1 to 200 printable characters): a retry with the same key and the same " +
                "body answers as the first request did and changes nothing; the same key with another body is 422 idempotency-key-reused; " +
                "an empty or blank key is 400.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ApiCommands.MaxIdempotencyKeyLength },
        });
        if (context.Description.RelativePath != "api/tickets")
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ticket's version the caller acted on (its ETag, e.g. \"3\"): another version is 412, nothing changed.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        return Task.CompletedTask;
    }
}
