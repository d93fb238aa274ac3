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
