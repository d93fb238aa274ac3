using System.Text.Json;
using Escalation.Host.Api;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Escalation.Host.Infrastructure;

/// <summary>
/// Writes a health report as JSON: the overall status and each check's status and description. The endpoint is
/// anonymous, so it carries no exception text (Npgsql's names the host and port, Marten's the database): the health
/// check service logs that for the operator. Unhealthy, it says when to look again.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        if (report.Status == HealthStatus.Unhealthy)
            context.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
