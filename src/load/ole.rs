//! The OLE compound file (the container of an `.xls` workbook), read as the office programs read
//! it: the directory is scanned entry by entry, not walked as the red-black tree the format
//! describes, so a file whose tree is out of order (the yearbook's own `.xls` files name
//! `Workbook` before `\u{5}DocumentSummaryInformation`) still opens.
//!
//! Everything is bounded by the file's own length: every chain of sectors is followed at most as
//! many steps as the file has sectors (a loop is named as such), every size a header or an entry
//! claims is checked against the bytes there are before anything is reserved. The checks cover
//! what calamine's reader reserves from the same fields (FAT, DIFAT and mini-FAT counts, the
//! directory and mini-stream chains), so a file accepted here does not make it allocate without
//! bound.

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
/// Sector ids from here on are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const HEADER_LEN: usize = 512;
const DIR_ENTRY_LEN: usize = 128;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream: the size calamine assumes, whatever the
/// header says (so that both read the same bytes).
const MINI_CUTOFF: u64 = 4096;

/// A compound file in memory, its FAT read and its directory listed.
pub struct Ole<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    entries: Vec<Entry>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
}

struct Entry {
    name: String,
    start: u32,
    size: u64,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 2).map(|x| u16::from_le_bytes([x[0], x[1]]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8).and_then(|x| x.try_into().ok()).map(u64::from_le_bytes)
}

impl<'a> Ole<'a> {
    /// Reads the header, the FAT, the directory and the mini stream, or says what is damaged.
    pub fn open(bytes: &'a [u8]) -> Result<Ole<'a>, String> {
        if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) || bytes.len() < HEADER_LEN {
            return Err("not an OLE compound file (the signature or the header is missing)".into());
        }
        let field = |i| u32_at(bytes, i).unwrap_or(0);
        let sector = match u16_at(bytes, 0x1E) {
            Some(9) => 512,
            Some(12) => 4096,
            s => return Err(format!("sector shift {s:?} is neither 9 nor 12")),
        };
        if u16_at(bytes, 0x20) != Some(6) {
            return Err("mini sector shift is not 6".into());
        }
        let sectors = bytes.len().saturating_sub(sector) / sector + 1;
        let limit = |what: &str, n: u32| {
            if n as usize > sectors {
                Err(format!("the header claims {n} {what} sectors; the file holds {sectors}"))
            } else {
                Ok(n as usize)
            }
        };
        let fat_count = limit("FAT", field(0x2C))?;
        let mini_fat_count = limit("mini-FAT", field(0x40))?;
        limit("DIFAT", field(0x48))?;
        // calamine reserves room for as many DIFAT entries as the 32-bit field at 0x3E says (it
        // straddles two header fields): refused where that would exceed the file's size.
        let straddle = field(0x3E) as usize;
        if straddle > bytes.len().max(1 << 16) {
            return Err(format!("the header's DIFAT size ({straddle}) exceeds the file"));
        }
        let mut ole =
            Ole { bytes, sector, fat: Vec::new(), entries: Vec::new(), mini_fat: Vec::new(), mini_stream: Vec::new() };
        // The DIFAT: 109 ids in the header, then a chain of sectors each ending in the next's id.
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| field(0x4C + 4 * i)).filter(|id| *id < RESERVED).collect();
        let mut next = field(0x44);
        let mut seen = vec![false; sectors];
        while next < RESERVED {
            match seen.get_mut(next as usize) {
                Some(true) => return Err("the DIFAT chain loops".into()),
                Some(s) => *s = true,
                None => return Err(format!("DIFAT sector {next} lies beyond the end of the file")),
            }
            let s = ole.sector_bytes(next)?;
            let per = sector / 4 - 1;
            fat_sectors.extend((0..per).filter_map(|i| u32_at(s, 4 * i)).filter(|id| *id < RESERVED));
            next = u32_at(s, 4 * per).unwrap_or(END_OF_CHAIN);
        }
        if fat_sectors.len() > fat_count.max(1) {
            fat_sectors.truncate(fat_count.max(1));
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
        for id in fat_sectors {
            let s = ole.sector_bytes(id)?;
            fat.extend(s.chunks_exact(4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]])));
        }
        ole.fat = fat;
        let dir = ole.chain(field(0x30), None)?;
        ole.entries = dir
            .chunks_exact(DIR_ENTRY_LEN)
            .map(|e| {
                // The name as calamine reads it: the 64 bytes up to the first NUL, whatever the
                // length field says.
                let units: Vec<u16> = (0..32).filter_map(|i| u16_at(e, 2 * i)).take_while(|u| *u != 0).collect();
                let size =
                    if sector == 512 { u64::from(u32_at(e, 120).unwrap_or(0)) } else { u64_at(e, 120).unwrap_or(0) };
                Entry { name: String::from_utf16_lossy(&units), start: u32_at(e, 116).unwrap_or(END_OF_CHAIN), size }
            })
            .collect();
        let Some(root) = ole.entries.first() else {
            return Err("the directory is empty".into());
        };
        if root.size > bytes.len() as u64 {
            return Err(format!("the mini stream claims {} bytes; the file has {}", root.size, bytes.len()));
        }
        let (root_start, root_size) = (root.start, root.size as usize);
        if mini_fat_count > 0 {
            ole.mini_stream = ole.chain(root_start, Some(root_size))?;
            let mini_fat = ole.chain(field(0x3C), Some(mini_fat_count * sector))?;
            ole.mini_fat = mini_fat.chunks_exact(4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]])).collect();
        }
        Ok(ole)
    }

    fn sector_bytes(&self, id: u32) -> Result<&'a [u8], String> {
        let start = (id as usize + 1).saturating_mul(self.sector);
        self.bytes
            .get(start..start.saturating_add(self.sector).min(self.bytes.len()))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| format!("sector {id} lies beyond the end of the file"))
    }

    /// The bytes of a chain of sectors from `start`, up to `len` bytes (the whole chain if none).
    fn chain(&self, start: u32, len: Option<usize>) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut seen = vec![false; self.fat.len()];
        while id != END_OF_CHAIN && len.is_none_or(|l| out.len() < l) {
            if id >= RESERVED || id == FREE {
                return Err(format!("a chain of sectors runs into the marker {id:#x}"));
            }
            match seen.get_mut(id as usize) {
                Some(true) => return Err("a chain of sectors loops".into()),
                Some(s) => *s = true,
                None => return Err(format!("sector {id} is outside the FAT")),
            }
            out.extend_from_slice(self.sector_bytes(id)?);
            id = *self.fat.get(id as usize).ok_or_else(|| format!("sector {id} is outside the FAT"))?;
        }
        if let Some(l) = len {
            if out.len() < l {
                return Err(format!("a stream claims {l} bytes; its chain holds {}", out.len()));
            }
            out.truncate(l);
        }
        Ok(out)
    }

    fn mini_chain(&self, start: u32, len: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut seen = vec![false; self.mini_fat.len()];
        while out.len() < len {
            if id >= RESERVED {
                return Err(format!("a stream claims {len} bytes; its mini chain holds {}", out.len()));
            }
            match seen.get_mut(id as usize) {
                Some(true) => return Err("a chain of mini sectors loops".into()),
                Some(s) => *s = true,
                None => return Err(format!("mini sector {id} is outside the mini FAT")),
            }
            let at = id as usize * MINI_SECTOR;
            let s = self
                .mini_stream
                .get(at..(at + MINI_SECTOR).min(self.mini_stream.len()))
                .filter(|s| !s.is_empty())
                .ok_or_else(|| format!("mini sector {id} lies beyond the mini stream"))?;
            out.extend_from_slice(s);
            id = *self.mini_fat.get(id as usize).ok_or_else(|| format!("mini sector {id} is outside the mini FAT"))?;
        }
        out.truncate(len);
        Ok(out)
    }

    /// The entry calamine reads for `names`: the first name of the list that any entry bears
    /// exactly, and the first such entry in the directory (of whatever kind), so the stream
    /// scanned here is the one calamine lays out.
    fn entry(&self, names: &[&str]) -> Result<&Entry, String> {
        names
            .iter()
            .find_map(|n| self.entries.iter().find(|e| e.name == *n))
            .ok_or_else(|| format!("no {} stream", names.join(" or ")))
    }

    /// The stream named one of `names` (a stream entry, matched case-insensitively), or why not.
    pub fn stream(&self, names: &[&str]) -> Result<Vec<u8>, String> {
        let entry = self.entry(names)?;
        if entry.size > self.bytes.len() as u64 {
            return Err(format!(
                "the stream {} claims {} bytes; the file has {}",
                entry.name,
                entry.size,
                self.bytes.len()
            ));
        }
        let len = entry.size as usize;
        if entry.size < MINI_CUTOFF {
            self.mini_chain(entry.start, len)
        } else {
            self.chain(entry.start, Some(len))
        }
    }

    /// Whether the file holds an entry of that name (an encrypted workbook's `EncryptedPackage`).
    pub fn has_stream(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal compound file of 512-byte sectors: FAT in sector 0, directory in sector 1, and a
    /// stream of `data` (≥ 4096 bytes, so in regular sectors) from sector 2.
    fn build(names: &[&str], data: &[u8]) -> Vec<u8> {
        let n_data = data.len().div_ceil(512);
        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        h[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
        h[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        h[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        h[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        h[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        h[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        h[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
        h[0x3C..0x40].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        h[0x44..0x48].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for i in 0..109 {
            h[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&FREE.to_le_bytes());
        }
        h[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes());
        let mut fat = vec![FREE; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = END_OF_CHAIN;
        for i in 0..n_data {
            fat[2 + i] = if i + 1 == n_data { END_OF_CHAIN } else { 3 + i as u32 };
        }
        let mut out = h;
        out.extend(fat.iter().flat_map(|x| x.to_le_bytes()));
        let mut dir = vec![0u8; 512];
        for (i, name) in names.iter().enumerate() {
            let e = &mut dir[i * 128..(i + 1) * 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (j, u) in units.iter().enumerate() {
                e[2 * j..2 * j + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
            e[66] = if i == 0 { 5 } else { 2 };
            let (start, size) = if i == 0 { (END_OF_CHAIN, 0) } else { (2, data.len() as u32) };
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        }
        out.extend(dir);
        let mut padded = data.to_vec();
        padded.resize(n_data * 512, 0);
        out.extend(padded);
        out
    }

    #[test]
    fn reads_a_stream_whatever_the_directory_order() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let f = build(&["Root Entry", "Workbook", "\u{5}DocumentSummaryInformation"], &data);
        let ole = Ole::open(&f).unwrap();
        assert_eq!(ole.stream(&["Workbook", "Book"]).unwrap(), data);
        // The name is read up to its first NUL, as calamine reads it, whatever the length says.
        let mut g = f.clone();
        g[1024 + 128 + 64..1024 + 128 + 66].copy_from_slice(&40u16.to_le_bytes());
        assert_eq!(Ole::open(&g).unwrap().stream(&["Workbook"]).unwrap(), data);
        assert!(ole.stream(&["Nothing"]).unwrap_err().contains("no Nothing stream"));
        // Names match exactly, in the order asked, as calamine matches them: "workbook" is not
        // "Workbook", so "Book" is the one read.
        let f = build(&["Root Entry", "workbook", "Book"], &data);
        let ole = Ole::open(&f).unwrap();
        assert_eq!(ole.entry(&["Workbook", "Book"]).unwrap().name, "Book");
    }

    #[test]
    fn damaged_containers_are_named() {
        let data = vec![7u8; 5000];
        let good = build(&["Root Entry", "Workbook"], &data);
        // A FAT count beyond the file.
        let mut f = good.clone();
        f[0x2C..0x30].copy_from_slice(&0x4000_0000u32.to_le_bytes());
        assert!(Ole::open(&f).err().unwrap().contains("FAT sectors"));
        // A chain that loops: the stream's fourth sector points back to its first.
        let mut f = good.clone();
        f[512 + 4 * 5..512 + 4 * 6].copy_from_slice(&2u32.to_le_bytes());
        let ole = Ole::open(&f).unwrap();
        assert!(matches!(ole.stream(&["Workbook"]), Err(e) if e.contains("loops")));
        // A stream claiming more than the file.
        let mut f = good.clone();
        f[1024 + 128 + 120..1024 + 128 + 124].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(Ole::open(&f).unwrap().stream(&["Workbook"]), Err(e) if e.contains("claims")));
        // Truncated.
        assert!(Ole::open(&good[..600]).is_err());
        assert!(Ole::open(b"PK\x03\x04").is_err());
    }
}
