namespace Escalation.Host.Api;

/// <summary>
/// Refuses request bodies over <see cref="MaxBytes"/> with 413 problem details before anything reads them.
/// Kestrel enforces the same limit on bodies sent without a length.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength is not > MaxBytes)
            return next(http);
        return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: $"The request body is larger than {MaxBytes / 1024} KiB.",
                type: "https://escalation.example/problems/body-too-large")
            .ExecuteAsync(http);
    }
}
