using Escalation.Host.Notifications;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Escalation.Host.WebConsole.Pages;

/// <summary>The bell's page: the unit's notifications (refreshed on each page load), marking one read, and the user's opt-outs.</summary>
public sealed class NotificationsModel(IDocumentSession session, NotificationInbox inbox, NotificationSettings settings, Texts texts, TimeProvider clock) : ConsolePage
{
    public Bell Bell { get; private set; } = new(0, []);

    public IReadOnlyList<NotificationKind> OptedOut { get; private set; } = [];

    public IReadOnlyList<NotificationKind> Mandatory => settings.MandatoryKinds;

    /// <summary>The kinds a user of the units can be told of (the citizen's are the citizen's).</summary>
    public static IReadOnlyList<NotificationKind> UnitKinds { get; } =
        [.. Enum.GetValues<NotificationKind>().Where(k => k is not (NotificationKind.CitizenReceived or NotificationKind.CitizenResolved))];

    public async Task<IActionResult> OnGetAsync()
    {
        Bell = await inbox.ForAsync(session, User, HttpContext.RequestAborted);
        OptedOut = (await NotificationInbox.PreferencesAsync(session, Me.UserId, HttpContext.RequestAborted)).OptedOut;
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(string id)
    {
        if (await NotificationInbox.MarkReadAsync(session, User, id, clock.GetUtcNow(), HttpContext.RequestAborted))
            await session.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage();
    }

    /// <summary>The ticked kinds are told; the unticked, less the mandatory ones (never offered unticked), are opted out of.</summary>
    public async Task<IActionResult> OnPostPreferencesAsync(string[]? told)
    {
        var kept = (told ?? []).Select(k => Enum.TryParse<NotificationKind>(k, out var kind) ? kind : (NotificationKind?)null).OfType<NotificationKind>().ToHashSet();
        session.Store(new NotificationPreferences(Me.UserId, [.. UnitKinds.Where(k => !kept.Contains(k) && !Mandatory.Contains(k))]));
        await session.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["done"] = texts["notifications.saved"];
        return RedirectToPage();
    }
}
