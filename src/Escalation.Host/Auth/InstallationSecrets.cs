using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Escalation.Host.Auth;

/// <summary>
/// The installation's own secrets, kept in its database (schema <c>escalation</c>) rather than in the OS account's
/// home: the key that signs the API's tokens, and ASP.NET Core's data-protection keys (the console's cookies and
/// antiforgery tokens). So two installations on one machine never accept each other's tokens or cookies, several nodes
/// on one database accept each other's, and a backup of the database restores them with the data.
/// </summary>
public static class InstallationSecrets
{
    private const string Schema =
        "create schema if not exists escalation;" +
        "create table if not exists escalation.installation_secret (name text primary key, value text not null, created_at timestamptz not null default now());" +
        "create table if not exists escalation.data_protection_key (friendly_name text primary key, xml text not null, created_at timestamptz not null default now());";

    /// <summary>
    /// Makes the tables if they are not there. The host does it at start-up whatever the signing key's source: the
    /// data-protection keys are kept here even when the signing key is configured.
    /// </summary>
    public static void CreateTables(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var schema = new NpgsqlCommand(Schema, connection);
        schema.ExecuteNonQuery();
    }

    /// <summary>The installation's token signing key (base64), made on first use; the first of racing nodes wins. Its table is made at start-up (<see cref="CreateTables"/>).</summary>
    public static string SigningKey(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var upsert = new NpgsqlCommand(
            "insert into escalation.installation_secret (name, value) values ('token-signing-key', @value) on conflict (name) do nothing;" +
            "select value from escalation.installation_secret where name = 'token-signing-key';", connection);
        upsert.Parameters.AddWithValue("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return (string)upsert.ExecuteScalar()!;
    }
}

/// <summary>ASP.NET Core's data-protection key ring, in the installation's database (table made by <see cref="InstallationSecrets.CreateTables"/>).</summary>
public sealed class DatabaseXmlRepository(string connectionString) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("select xml from escalation.data_protection_key order by created_at", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "insert into escalation.data_protection_key (friendly_name, xml) values (@name, @xml) on conflict (friendly_name) do nothing", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
