using Escalation.Domain.Reference;

namespace Escalation.Domain.Intake;

/// <summary>
/// Opens a ticket's stream. The citizen's name and phone are checked here and kept by the host in a
/// separate personal record; no event carries them.
/// </summary>
/// <param name="VillageCode">The village or community of the location; may be left out when a grid is given.</param>
/// <param name="Number">The ticket's number, drawn by the host as it opens the stream (like the id): the report carries it.</param>
public sealed record ReportTicket(
    Guid TicketId,
    Actor By,
    Channel Channel,
    string Description,
    string? VillageCode,
    string? GridCode,
    string? Address,
    string? CategoryCode,
    Urgency Urgency,
    string? CitizenName,
    string? CitizenPhone,
    string? Number = null)
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxAddressLength = 500;
    public const int MaxCitizenNameLength = 50;

    public Decision Decide(DecisionContext context)
    {
        var reference = context.Reference;
        if (Rules.IsBlank(Description))
            return Rules.Missing(RuleCodes.DescriptionRequired, "description of the request");
        if (Description.Length > MaxDescriptionLength)
            return Decision.Reject(RuleCodes.DescriptionTooLong, $"The description may be at most {MaxDescriptionLength} characters long.");
        if (Rules.IsBlank(VillageCode) && Rules.IsBlank(GridCode))
            return Decision.Reject(RuleCodes.LocationRequired, "A village, community or grid code is required.");

        var grid = Rules.IsBlank(GridCode) ? null : reference.FindUnit(GridCode);
        if (!Rules.IsBlank(GridCode) && grid?.Kind != UnitKind.Grid)
            return Decision.Reject(RuleCodes.UnknownLocation, $"There is no grid {GridCode} in the county.");
        var village = reference.FindUnit(Rules.IsBlank(VillageCode) ? grid?.ParentCode : VillageCode);
        if (village?.Tier != Tier.Village)
            return Decision.Reject(RuleCodes.UnknownLocation, $"There is no village or community {VillageCode} in the county.");
        if (grid is not null && grid.ParentCode != village.Code)
            return Decision.Reject(RuleCodes.GridNotInVillage, $"Grid {grid.Code} does not lie in {village.Code}.");

        if (CategoryCode is not null && reference.FindMatter(CategoryCode) is null)
            return Decision.Reject(RuleCodes.UnknownCategory, $"There is no matter {CategoryCode} in the catalogue.");
        if (Address?.Length > MaxAddressLength)
            return Decision.Reject(RuleCodes.AddressTooLong, $"The address may be at most {MaxAddressLength} characters long.");
        if (CitizenName?.Length > MaxCitizenNameLength)
            return Decision.Reject(RuleCodes.CitizenNameTooLong, $"The citizen's name may be at most {MaxCitizenNameLength} characters long.");
        if (CitizenPhone is not null && !IsPlausiblePhone(CitizenPhone))
            return Decision.Reject(RuleCodes.ImplausiblePhone, "The citizen's phone must be 5 to 20 digits, optionally with a leading + and spaces or dashes.");

        // 属地: the township or street containing the location triages the request.
        var heldBy = reference.UnitAt(village.Code, Tier.Township);
        return Decision.Accept(new TicketReported(
            TicketId, By, context.Now, Channel, Description, village.Code, grid?.Code, Address, CategoryCode, Urgency, heldBy.Code, Number));
    }

    private static bool IsPlausiblePhone(string phone)
    {
        var body = phone.StartsWith('+') ? phone[1..] : phone;
        var digits = body.Count(char.IsAsciiDigit);
        return body.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && digits is >= 5 and <= 20;
    }
}
