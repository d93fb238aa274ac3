using System.Globalization;
using System.Text;
using System.Text.Json;
using Escalation.Host.Api;
using MiniExcelLibs;

namespace Escalation.Host.Features.Statistics;

/// <summary>One sheet of a workbook: its name, its header row and its rows.</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IEnumerable<IEnumerable<object?>> Rows);

/// <summary>The figures as the bulletin's makers open them: CSV for Excel, or an xlsx workbook (MiniExcel).</summary>
public static class Workbook
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The format asked for: <c>format</c> (json, csv, xlsx), else the Accept header, else JSON.</summary>
    public static StatsFormat FormatOf(string? format, HttpContext http, Fields fields)
    {
        var accept = http.Request.Headers.Accept.ToString();
        return fields.Choice<StatsFormat>(format, "format", required: false)
            ?? (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? StatsFormat.Csv
                : accept.Contains(XlsxType, StringComparison.OrdinalIgnoreCase) ? StatsFormat.Xlsx
                : StatsFormat.Json);
    }

    /// <summary>Excel, in which the bulletin is made, reads UTF-8 only after a byte-order mark.</summary>
    public static IResult Csv(string csv, string name) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name + ".csv");

    /// <summary>A header line, then a line per row; fields quoted only when they must be.</summary>
    public static string ToCsv(IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns).Append("\r\n");
        foreach (var row in rows)
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        return csv.ToString();
    }

    public static string Field(object? value)
    {
        var text = Cell(value) switch
        {
            null => "",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public static IResult Xlsx(IReadOnlyList<Sheet> sheets, string name) => Results.File(Bytes(sheets), XlsxType, name + ".xlsx");

    /// <summary>The sheets in one workbook; days as yyyy-MM-dd text, numbers as numbers, nothing as an empty cell.</summary>
    public static byte[] Bytes(IReadOnlyList<Sheet> sheets)
    {
        var book = new Dictionary<string, object>();
        foreach (var sheet in sheets)
        {
            book[sheet.Name] = sheet.Rows
                .Select(row => sheet.Columns.Zip(row, (column, value) => (column, value)).ToDictionary(c => c.column, c => Cell(c.value)))
                .ToList();
        }
        using var stream = new MemoryStream();
        stream.SaveAs(book, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static object? Cell(object? value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum choice => JsonNamingPolicy.KebabCaseLower.ConvertName(choice.ToString()),
        _ => value,
    };
}
