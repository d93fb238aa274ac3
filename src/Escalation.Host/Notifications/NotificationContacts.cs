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
        var byCode = contacts.Deserialize<Dictionary<string, Contact>>(Options)
            ?? throw new StartupException($"{ReferenceDataLoader.Setting}: 'contacts' in '{path}' is null.");
        foreach (var (code, contact) in byCode)
        {
            try
            {
                QuietHours.Parse(contact.QuietHours);
            }
            catch (FormatException e)
            {
                throw new StartupException($"{ReferenceDataLoader.Setting}: contact {code} in '{path}': {e.Message}");
            }
        }
        return new NotificationContacts(byCode);
    }
}
