using System.Reflection;
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
               StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable]
            : [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
               StatusCodes.Status503ServiceUnavailable];
        foreach (var status in statuses)
            chain.Metadata.ProducesProblem(status);
    }
}
