<?php
// Router for `php -S`: maps /simplesaml/... onto Debian's SimpleSAMLphp www dir,
// including PATH_INFO style URLs such as /simplesaml/module.php/core/loginuserpass.php?...
declare(strict_types=1);

const SSP_WWW = '/usr/share/simplesamlphp/www';
const PREFIX = '/simplesaml';

function notFound(): bool
{
    http_response_code(404);
    header('Content-Type: text/plain');
    echo "Not found\n";
    return true;
}

$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH));

if ($path === '/' || $path === PREFIX) {
    header('Location: ' . PREFIX . '/', true, 302);
    return true;
}
if (strncmp($path, PREFIX . '/', strlen(PREFIX) + 1) !== 0 || strpos($path, "\0") !== false) {
    return notFound();
}
$rel = substr($path, strlen(PREFIX)); // starts with '/'
foreach (explode('/', $rel) as $segment) {
    if ($segment === '..' || $segment === '.') {
        return notFound();
    }
}

// Find the first path prefix that is a real file; the rest is PATH_INFO.
$script = null;
$pathInfo = '';
$segments = explode('/', ltrim($rel, '/'));
$acc = '';
foreach ($segments as $i => $segment) {
    $acc .= '/' . $segment;
    if ($segment !== '' && is_file(SSP_WWW . $acc)) {
        $script = $acc;
        $rest = array_slice($segments, $i + 1);
        $pathInfo = $rest === [] ? '' : '/' . implode('/', $rest);
        break;
    }
}
if ($script === null) {
    $dir = rtrim($rel, '/');
    if (is_dir(SSP_WWW . $dir) && is_file(SSP_WWW . $dir . '/index.php')) {
        if (substr($rel, -1) !== '/') {
            header('Location: ' . PREFIX . $dir . '/', true, 302);
            return true;
        }
        $script = $dir . '/index.php';
    } else {
        return notFound();
    }
}

$file = SSP_WWW . $script;

if (substr($file, -4) === '.php') {
    $_SERVER['SCRIPT_FILENAME'] = $file;
    $_SERVER['SCRIPT_NAME'] = PREFIX . $script;
    $_SERVER['PHP_SELF'] = PREFIX . $script . $pathInfo;
    $_SERVER['DOCUMENT_ROOT'] = dirname(SSP_WWW);
    if ($pathInfo !== '') {
        $_SERVER['PATH_INFO'] = $pathInfo;
    } else {
        unset($_SERVER['PATH_INFO'], $_SERVER['PATH_TRANSLATED']);
    }
    chdir(dirname($file));
    require $file;
    return true;
}

if ($pathInfo !== '') {
    return notFound();
}

$types = [
    'css' => 'text/css', 'js' => 'application/javascript', 'png' => 'image/png',
    'gif' => 'image/gif', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'svg' => 'image/svg+xml',
    'ico' => 'image/x-icon', 'woff' => 'font/woff', 'woff2' => 'font/woff2', 'ttf' => 'font/ttf',
    'eot' => 'application/vnd.ms-fontobject', 'html' => 'text/html', 'txt' => 'text/plain',
    'json' => 'application/json', 'map' => 'application/json',
];
$ext = strtolower(pathinfo($file, PATHINFO_EXTENSION));
header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
header('Content-Length: ' . (string) filesize($file));
readfile($file);
return true;
