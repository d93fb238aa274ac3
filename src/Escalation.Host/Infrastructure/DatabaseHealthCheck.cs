using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Escalation.Host.Infrastructure;

/// <summary>Healthy when PostgreSQL answers a query; the exception it gets otherwise is logged, never shown (see <see cref="HealthReportWriter"/>).</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await AskAsync(cancellationToken);
        }
        catch (Exception first) when (IsUnanswered(first))
        {
            // The pooled connection may be one the server dropped when it restarted: ask once more on a new one.
            dataSource.Clear();
            try
            {
                await AskAsync(cancellationToken);
            }
            catch (Exception e) when (IsUnanswered(e))
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
            }
        }
        return HealthCheckResult.Healthy("PostgreSQL answers.");
    }

    private async Task AskAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select 1");
        await command.ExecuteScalarAsync(ct);
    }

    private static bool IsUnanswered(Exception e) => e is NpgsqlException or TimeoutException or InvalidOperationException;
}
