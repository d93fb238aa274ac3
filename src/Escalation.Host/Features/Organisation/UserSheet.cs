using Escalation.Domain;
using Escalation.Domain.Organisation;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using MiniExcelLibs;

namespace Escalation.Host.Features.Organisation;

/// <summary>Users from a spreadsheet, as the county's offices keep them: a header row (id, nameZh, nameEn, role, unitCode), one user a row.</summary>
public static class UserSheet
{
    public static readonly string[] Columns = ["id", "nameZh", "nameEn", "role", "unitCode"];

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool IsXlsx(string? contentType) => contentType?.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Every row as a user; each bad cell is a field error named by its row (as the sheet numbers it, the header being row 1) and column.</summary>
    public static IReadOnlyList<User> Read(Stream sheet, bool xlsx, Fields fields)
    {
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. MiniExcel.Query(sheet, useHeaderRow: true, excelType: xlsx ? ExcelType.XLSX : ExcelType.CSV).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FormatException or ArgumentException)
        {
            fields.Add("body", xlsx ? "is not an xlsx workbook MiniExcel can read." : "is not a CSV sheet with a header row.");
            return [];
        }
        if (rows.Count == 0)
        {
            fields.Add("body", $"has no users: a header row ({string.Join(", ", Columns)}) and one user a row.");
            return [];
        }
        var missing = Columns.Where(c => !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            fields.Add("body", $"lacks the column(s) {string.Join(", ", missing)}.");
            return [];
        }
        var users = new List<User>();
        for (var i = 0; i < rows.Count; i++)
        {
            string? Cell(string column) => rows[i][column]?.ToString();
            var row = $"row {i + 2}";
            var user = new User(
                fields.Text(Cell("id"), $"{row}.id", CountyAnswers.MaxCode) ?? "",
                fields.Text(Cell("nameZh"), $"{row}.nameZh", CountyAnswers.MaxName) ?? "",
                fields.Text(Cell("nameEn"), $"{row}.nameEn", CountyAnswers.MaxName) ?? "",
                fields.Choice<Role>(Cell("role")?.Trim(), $"{row}.role") ?? default,
                fields.Text(Cell("unitCode"), $"{row}.unitCode", CountyAnswers.MaxCode) ?? "");
            users.Add(user);
        }
        return users;
    }

    /// <summary>A new id is added, a known one changed (keeping whether it is disabled), one that says what the county already says is left out.</summary>
    public static IReadOnlyList<ICountyEvent> Changes(IReadOnlyList<User> users, ReferenceData county, Actor by, DateTimeOffset at, string why)
    {
        var changes = new List<ICountyEvent>();
        foreach (var user in users)
        {
            if (county.FindUser(user.Id) is not { } known)
                changes.Add(new UserAdded(user, by, at, why));
            else if (known != (user with { Disabled = known.Disabled }))
                changes.Add(new UserChanged(user with { Disabled = known.Disabled }, by, at, why));
        }
        return changes;
    }
}
