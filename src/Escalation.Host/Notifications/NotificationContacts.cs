using System.Text.Json;
using Escalation.Host.Infrastructure;
using Escalation.Host.Reference;

namespace Escalation.Host.Notifications;

/// <summary>How a unit or department is reached: its e-mail address, its phone for text messages, its language and quiet hours.</summary>
public sealed record Contact(string? Email = null, string? Phone = null, string? Language = null, string? QuietHours = null)
{
    public bool English => Language is "en";
}

/// <summary>
/// The units' and departments' contacts, from the <c>contacts</c> section of the county's reference data file (by
/// code). A unit without an entry is told in the console only.
/// </summary>
public sealed class NotificationContacts(IReadOnlyDictionary<string, Contact> byCode)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public Contact For(string code) => byCode.TryGetValue(code, out var contact) ? contact : new Contact();

    public static NotificationContacts Load(IConfiguration configuration)
    {
        var path = Path.GetFullPath(configuration[ReferenceDataLoader.Setting] ?? ReferenceDataLoader.Default, AppContext.BaseDirectory);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("contacts", out var contacts))
            return new NotificationContacts(new Dictionary<string, Contact>());
        var byCode = new Dictionary<string, Contact>(StringComparer.Ordinal);
        // Every entry but the "note" is a unit's or department's code.
        foreach (var entry in contacts.EnumerateObject().Where(p => p.Name != "note"))
        {
            try
            {
                var contact = entry.Value.Deserialize<Contact>(Options) ?? throw new FormatException("the contact is null.");
                QuietHours.Parse(contact.QuietHours);
                byCode[entry.Name] = contact;
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new StartupException($"{ReferenceDataLoader.Setting}: contact {entry.Name} in '{path}': {e.Message}");
            }
        }
        return new NotificationContacts(byCode);
    }
}
