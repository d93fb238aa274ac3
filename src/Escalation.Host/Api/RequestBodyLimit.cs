namespace Escalation.Host.Api;

/// <summary>
/// Refuses request bodies over <see cref="MaxBytes"/> with 413 problem details before anything reads them.
/// Kestrel enforces the same limit on bodies sent without a length.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 64 * 1024;

    /// <summary>A whole county file or a spreadsheet of users (the county's imports, docs/county.md) is larger.</summary>
    public const long ImportMaxBytes = 16 * 1024 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        var max = MaxBytes;
        if (http.Request.Path.StartsWithSegments("/api/county", StringComparison.Ordinal) || http.Request.Path.StartsWithSegments("/county", StringComparison.Ordinal))
        {
            max = ImportMaxBytes;
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = ImportMaxBytes;
        }
        if (!(http.Request.ContentLength > max))
            return next(http);
        return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: $"The request body is larger than {max / 1024} KiB.",
                type: "https://escalation.example/problems/body-too-large")
            .ExecuteAsync(http);
    }
}
