using Escalation.Host.Infrastructure;
using Npgsql;

namespace Escalation.IntegrationTests.Foundation;

public sealed class LocalPostgresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-local-").FullName;

    [Fact]
    public async Task a_second_start_reuses_the_data_of_the_first()
    {
        var options = new LocalPostgresOptions { Directory = _folder, Ephemeral = true };
        await using (var first = await LocalPostgres.StartAsync(options))
            await ExecuteAsync(first.ConnectionString, "create table kept (note text); insert into kept values ('still here')");

        await using var second = await LocalPostgres.StartAsync(options);

        (await ExecuteAsync(second.ConnectionString, "select note from kept")).ShouldBe("still here");
    }

    [Fact]
    public async Task the_service_connects_as_a_role_that_owns_its_database_and_schema_and_is_no_superuser()
    {
        var options = new LocalPostgresOptions { Directory = _folder, Ephemeral = true };
        await using (var first = await LocalPostgres.StartAsync(options))
            // What a cluster made before the service role existed holds: objects of the superuser in the schema.
            await ExecuteAsync(first.AdminConnectionString.Replace("Database=postgres", "Database=escalation", StringComparison.Ordinal),
                "create table escalation.older (id serial primary key); create function escalation.older_count() returns bigint language sql as 'select count(*) from escalation.older'");

        await using var cluster = await LocalPostgres.StartAsync(options);

        (await ExecuteAsync(cluster.ConnectionString, "select current_user")).ShouldBe(LocalPostgres.ServiceRole);
        (await ExecuteAsync(cluster.ConnectionString, "select rolsuper from pg_roles where rolname = current_user")).ShouldBe(false);
        (await ExecuteAsync(cluster.ConnectionString, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")).ShouldBe(LocalPostgres.ServiceRole);
        (await ExecuteAsync(cluster.ConnectionString, "select nspowner::regrole::text from pg_namespace where nspname = 'escalation'")).ShouldBe(LocalPostgres.ServiceRole);
        (await ExecuteAsync(cluster.ConnectionString, "insert into escalation.older default values; select escalation.older_count()")).ShouldBe(1L);
        (await ExecuteAsync(cluster.ConnectionString, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'escalation' and pg_get_userbyid(c.relowner) <> current_user")).ShouldBe(0L);
    }

    [Fact]
    public void binaries_are_found_on_the_path_first_then_in_the_debian_layout()
    {
        var debian = LocalPostgres.FindBinDirectory(pathVariable: "");

        debian.ShouldNotBeNull();
        LocalPostgres.FindBinDirectory(pathVariable: debian).ShouldBe(debian);
        LocalPostgres.FindBinDirectory(pathVariable: "", debianRoot: Path.Combine(_folder, "none")).ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
