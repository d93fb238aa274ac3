using System.Collections.Concurrent;
using System.Globalization;
using Escalation.Domain.Reference;
using Escalation.Domain.Timers;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Escalation.Host.Features.Intake;

/// <summary>
/// Draws a ticket's number at intake: the county's code, the China day of intake and the day's sequence
/// (<c>SC20261201-0042</c>). The sequence is one PostgreSQL sequence for the whole county, drawn in the intake's
/// transaction, and each day's numbers count from where that sequence stood when the day's first ticket came (a row
/// per day, written once and never changed). Numbers never repeat, whatever crashes or however many nodes draw them:
/// PostgreSQL never hands out a sequence value twice. They may have gaps: a value drawn by an intake that was then
/// refused or rolled back is not reused, and tickets opened by other days' nodes around midnight take values too.
/// </summary>
public sealed class TicketNumbers(global::Escalation.Host.Organisation.CountyReference county, NpgsqlDataSource dataSource)
{
    /// <summary>The county's reference data in force now (it changes at runtime: docs/county.md).</summary>
    private ReferenceData reference => county.Current;

    public const string Schema = "escalation";
    private const string Sequence = Schema + ".ticket_number";
    private const string Days = Schema + ".ticket_number_days";

    private readonly ConcurrentDictionary<DateOnly, long> _bases = new();

    /// <summary>The sequence and the table of each day's base, created with the rest of the store's schema.</summary>
    public static void AddSchema(StoreOptions opts)
    {
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(Schema, "ticket_number", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General)));
        var days = new Table(new PostgresqlObjectName(Schema, "ticket_number_days", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        days.AddColumn<DateOnly>("day").AsPrimaryKey();
        days.AddColumn<long>("base").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(days);
    }

    /// <summary>The number of a ticket opened at <paramref name="now"/>, drawn in the session's transaction.</summary>
    public async Task<string> NextAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(now.ToOffset(BusinessCalendar.ChinaOffset).DateTime);
        var dayBase = _bases.TryGetValue(day, out var known) ? known : _bases.GetOrAdd(day, await BaseOfAsync(day, ct));
        var value = (await session.AdvancedSql.QueryAsync<long>($"select nextval('{Sequence}')", ct)).Single();
        return Format(reference.County.Code, day, value - dayBase);
    }

    public static string Format(string county, DateOnly day, long sequenceOfDay) =>
        $"{county}{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{sequenceOfDay.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Where the sequence stood when the day's first number was drawn, committed on a connection of its own before any
    /// number of that day is drawn: every later value is above it, so the day's numbers start at 1 and stay distinct.
    /// </summary>
    private async Task<long> BaseOfAsync(DateOnly day, CancellationToken ct)
    {
        // A concurrent first intake of the day may commit the row while this statement waits on it, after this
        // statement's snapshot was taken: then neither part sees a row, and the next try reads the one committed.
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"""
                 with inserted as (
                     insert into {Days} (day, base)
                     select $1, case when is_called then last_value else last_value - 1 end from {Sequence}
                     on conflict (day) do nothing
                     returning base)
                 select base from inserted union all select base from {Days} where day = $1
                 """);
            command.Parameters.Add(new NpgsqlParameter { Value = day });
            if (await command.ExecuteScalarAsync(ct) is long dayBase)
                return dayBase;
        }
    }
}
