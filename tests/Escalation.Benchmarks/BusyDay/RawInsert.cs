using System.Text.Json;
using System.Text.Json.Serialization;
using Escalation.Domain;
using Escalation.Domain.Intake;
using Npgsql;
using NpgsqlTypes;

namespace Escalation.Benchmarks.BusyDay;

/// <summary>
/// The baseline: what this PostgreSQL does with the simplest durable write, a single-row INSERT and its COMMIT over
/// raw Npgsql, each from a pooled connection of a pool as large as the HTTP connection pool (the same concurrency).
/// The row is the size of a TicketReported event: a uuid, a jsonb payload of such an event, and a timestamp.
/// </summary>
public sealed class RawInsert : IAsyncDisposable
{
    private const string Table = "bench_raw_insert";
    private readonly NpgsqlDataSource _source;

    private RawInsert(NpgsqlDataSource source, string payload)
    {
        _source = source;
        Payload = payload;
    }

    public string Payload { get; }
    public int PayloadBytes => System.Text.Encoding.UTF8.GetByteCount(Payload);

    public static async Task<RawInsert> CreateAsync(string connectionString, int connections)
    {
        var source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = connections,
            MinPoolSize = 0,
        }.ConnectionString).Build();
        await using (var create = source.CreateCommand(
            $"create table if not exists {Table} (id uuid primary key, data jsonb not null, at timestamptz not null)"))
            await create.ExecuteNonQueryAsync();
        return new RawInsert(source, TicketReportedJson());
    }

    public async Task<bool> InsertAsync()
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand($"insert into {Table} (id, data, at) values ($1, $2, $3)", connection, transaction)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = Guid.CreateVersion7() },
                new NpgsqlParameter { Value = Payload, NpgsqlDbType = NpgsqlDbType.Jsonb },
                new NpgsqlParameter { Value = DateTimeOffset.UtcNow },
            },
        };
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>A TicketReported event as the workload reports it, serialized as Marten stores events (System.Text.Json, enums as strings).</summary>
    public static string TicketReportedJson()
    {
        var reported = new TicketReported(
            Guid.CreateVersion7(), new Actor("op-01", "operator", "SC"), DateTimeOffset.UtcNow, Channel.Hotline,
            Workload.Description(0), "SC-T01-V01", null, Workload.Address(0), "M-LE-01", Urgency.Normal, "SC-T01");
        return JsonSerializer.Serialize(reported, new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } });
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
